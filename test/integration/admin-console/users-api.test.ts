import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserChangeModel } from '../../../src/answers/store/user-log.model.js';
import { useTestDatabase } from '../../helpers/db.js';
import { ApiClient, PASSWORD, startAdmin, type AdminHarness } from '../admin/harness.js';

const LATIN_WORD = /[A-Za-z]{3,}/;

describe('users and roles: Chinese names, roles, password reset, disable, all logged, all in Chinese', () => {
  useTestDatabase('consoleusers');
  let h: AdminHarness;
  let root: ApiClient;
  beforeAll(async () => {
    h = await startAdmin();
    root = new ApiClient(h.baseUrl);
    expect((await root.login('root')).status).toBe(200);
  });
  afterAll(async () => { await h.close(); });

  it('creates a user with a Chinese name; refuses bad input in Chinese and changes nothing', async () => {
    const created = await root.call('POST', '/api/admin/users', { username: '张三', displayName: '张三（民政办）', password: '张三的密码足够长了吧', roles: ['editor'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: '张三', displayName: '张三（民政办）', roles: ['editor'], roleLabels: ['编辑'], disabled: false });
    const short = await root.call('POST', '/api/admin/users', { username: '李四', password: 'short', roles: [] });
    expect(short.status).toBe(400);
    expect(short.body.error?.message).toBe('密码至少需要 10 个字符。');
    const badRole = await root.call('POST', '/api/admin/users', { username: '王五', password: PASSWORD, roles: ['boss'] });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error?.message).toContain('“角色”只能是：管理员、编辑、审核人');
    const missing = await root.call('POST', '/api/admin/users', { password: PASSWORD });
    expect(missing.body.error?.message).toBe('“用户名”必须填写。；“角色”必须填写。');
    const dup = await root.call('POST', '/api/admin/users', { username: '张三', password: PASSWORD, roles: [] });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.message).toBe('用户名“张三”已存在。');
    for (const r of [short, badRole, missing, dup]) expect(r.body.error?.message).not.toMatch(LATIN_WORD);
    const list = await root.call('GET', '/api/admin/users');
    expect((list.body.users as { username: string }[]).map((u) => u.username).sort()).toEqual(['alice', 'bob', 'carol', 'root', '张三'].sort());
  });

  it('the first admin grants itself every role and keeps working', async () => {
    const all = ['admin', 'editor', 'reviewer', 'staff', 'leader', 'discipline'];
    const r = await root.call('PATCH', '/api/admin/users/root', { roles: all, displayName: '管理员甲' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ roles: all, displayName: '管理员甲' });
    expect((await root.call('GET', '/api/admin/me')).body).toMatchObject({ roles: all, roleLabels: ['管理员', '编辑', '审核人', '工作人员', '分管领导', '纪检'] });
    const alone = await root.call('PATCH', '/api/admin/users/root', { roles: ['editor'] });
    expect(alone.status).toBe(409);
    expect(alone.body.error?.message).toBe('至少要保留一个可用的管理员账号。');
  });

  it('a disabled user cannot log in and its open session ends', async () => {
    const zhang = new ApiClient(h.baseUrl);
    expect((await zhang.login('张三', '张三的密码足够长了吧')).status).toBe(200);
    expect((await zhang.call('GET', '/api/admin/templates')).status).toBe(200);
    const off = await root.call('POST', `/api/admin/users/${encodeURIComponent('张三')}/disable`);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ disabled: true });
    expect((await zhang.call('GET', '/api/admin/templates')).status).toBe(401);
    const again = await new ApiClient(h.baseUrl).login('张三', '张三的密码足够长了吧');
    expect(again.status).toBe(403);
    expect(again.body.error).toEqual({ code: 'disabled', message: '该账号已停用，请联系管理员。' });
    // a wrong password does not learn that the account exists and is disabled
    expect((await new ApiClient(h.baseUrl).login('张三', 'wrong password here')).status).toBe(401);
    expect((await root.call('POST', '/api/admin/users/root/disable')).status).toBe(409);
    expect((await root.call('POST', `/api/admin/users/${encodeURIComponent('张三')}/enable`)).status).toBe(200);
    expect((await new ApiClient(h.baseUrl).login('张三', '张三的密码足够长了吧')).status).toBe(200);
  });

  it('resets a password: the old one and the old sessions stop working', async () => {
    const alice = new ApiClient(h.baseUrl);
    await alice.login('alice');
    const reset = await root.call('POST', '/api/admin/users/alice/password', { password: 'a brand new password' });
    expect(reset.status).toBe(200);
    expect((await alice.call('GET', '/api/admin/templates')).status).toBe(401);
    expect((await new ApiClient(h.baseUrl).login('alice')).status).toBe(401);
    expect((await new ApiClient(h.baseUrl).login('alice', 'a brand new password')).status).toBe(200);
  });

  it('logs every change with who made it, in Chinese labels; only admins see it', async () => {
    const log = await root.call('GET', `/api/admin/users/log?username=${encodeURIComponent('张三')}`);
    expect((log.body.entries as { action: string; actionLabel: string; by: string }[]).map((e) => [e.actionLabel, e.by]).reverse())
      .toEqual([['创建账号', 'root'], ['停用账号', 'root'], ['启用账号', 'root']]);
    expect(await UserChangeModel.countDocuments({ username: 'alice', action: 'password', by: 'root' })).toBe(1);
    const notAdmin = new ApiClient(h.baseUrl);
    await notAdmin.login('bob');
    const refused = await notAdmin.call('GET', '/api/admin/users/log');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toBe('没有权限：此操作需要“管理员”角色。请管理员在“用户”页为您的账号加上该角色。');
  });
});
