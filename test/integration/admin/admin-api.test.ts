import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db.js';
import { ApiClient, PASSWORD, startAdmin, type AdminHarness } from './harness.js';

useTestDatabase('adminapi');

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdmin({ logger: (await import('pino')).default({ level: 'error' }),
    renderers: { wechat: (_k, c) => `微信:${(c as { text: string }).text}`, qq: (_k, c) => `QQ:${(c as { text: string }).text}` },
  });
});
afterAll(async () => h.close());

const client = (): ApiClient => new ApiClient(h.baseUrl);
async function as(user: string): Promise<ApiClient> {
  const c = client();
  const r = await c.login(user);
  expect(r.status).toBe(200);
  return c;
}

describe('login and sessions', () => {
  it('logs in, sets an HttpOnly SameSite=Strict cookie and returns roles and a CSRF token', async () => {
    const c = client();
    const r = await c.login('alice');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ username: 'alice', roles: ['editor'] });
    expect(String(r.body.csrfToken)).toMatch(/^[0-9a-f]{64}$/);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nl_admin=[0-9a-f]{64};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    const me = await c.call('GET', '/api/admin/me');
    expect(me.body).toMatchObject({ username: 'alice', csrfToken: r.body.csrfToken });
  });

  it('refuses a wrong password without a cookie', async () => {
    const c = client();
    const r = await c.login('alice', 'wrong password!');
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe('bad_credentials');
    expect(r.headers.get('set-cookie')).toBeNull();
    expect((await c.call('GET', '/api/admin/me')).status).toBe(401);
  });

  it('locks out after 5 failures, even for the right password', async () => {
    await h.users.create('dave', PASSWORD, ['editor']);
    const c = client();
    for (let i = 0; i < 4; i++) expect((await c.login('dave', `bad-${i}-password`)).status).toBe(401);
    expect((await c.login('dave', 'bad-5-password')).status).toBe(429);
    const r = await c.login('dave');
    expect(r.status).toBe(429);
    expect(r.body.error?.code).toBe('locked');
    expect((await client().login('alice')).status).toBe(200); // other accounts unaffected
  });

  it('logout ends the session', async () => {
    const c = await as('alice');
    expect((await c.call('POST', '/api/admin/logout')).status).toBe(200);
    expect((await c.call('GET', '/api/admin/me')).status).toBe(401);
  });
});

describe('guards', () => {
  it('401 without login, 403 with the wrong role', async () => {
    expect((await client().call('GET', '/api/admin/templates')).status).toBe(401);
    const bob = await as('bob');
    const r = await bob.call('POST', '/api/admin/templates/service:dibao/drafts', { content: { title: 't', text: 'x' }, reason: 'r' });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'forbidden' });
    expect((await (await as('alice')).call('GET', '/api/admin/users')).status).toBe(403);
  });

  it('403 when the CSRF header is missing or wrong on a state-changing request', async () => {
    const alice = await as('alice');
    const body = { content: { title: 't', text: 'x' }, reason: 'r' };
    const missing = await alice.call('POST', '/api/admin/templates/service:dibao/drafts', body, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.error?.code).toBe('csrf');
    alice.csrf = 'f'.repeat(64);
    expect((await alice.call('POST', '/api/admin/templates/service:dibao/drafts', body)).status).toBe(403);
    expect((await alice.call('POST', '/api/admin/logout')).status).toBe(403);
    expect((await h.store.history('service:dibao')).length).toBe(1);
  });

  it('413 for an oversized body, 400 for bad JSON', async () => {
    const alice = await as('alice');
    const big = await alice.call('POST', '/api/admin/templates/service:dibao/preview', { content: { title: 'x', text: 'x'.repeat(300_000) } });
    expect(big.status).toBe(413);
    const res = await fetch(`${h.baseUrl}/api/admin/login`, { method: 'POST', body: '{nope' });
    expect(res.status).toBe(400);
  });
});

describe('review workflow', () => {
  const key = 'service:dibao';
  const newContent = { title: '低保', text: '低保申请：带户口本、身份证、收入证明。' };

  it('editor drafts and submits, the same person cannot approve, another reviewer approves and it is live', async () => {
    const carol = await as('carol'); // holds both roles
    const draft = await carol.call('POST', `/api/admin/templates/${key}/drafts`, { content: newContent, reason: '补充材料清单' });
    expect(draft.status).toBe(200);
    const v = Number(draft.body.version);
    expect(draft.body).toMatchObject({ status: 'draft', author: 'carol', reason: '补充材料清单' });
    expect((await carol.call('POST', `/api/admin/templates/${key}/versions/${v}/submit`)).status).toBe(200);
    const own = await carol.call('POST', `/api/admin/templates/${key}/versions/${v}/approve`, { comment: 'ok' });
    expect(own.status).toBe(403);
    expect(own.body.error?.code).toBe('same_person');
    expect(await h.store.published(key)).toEqual({ title: '低保', text: '低保申请：带户口本。' });

    const bob = await as('bob');
    const queue = await bob.call('GET', '/api/admin/review-queue');
    expect((queue.body.versions as { version: number }[]).map((x) => x.version)).toContain(v);
    const ok = await bob.call('POST', `/api/admin/templates/${key}/versions/${v}/approve`, { comment: '同意' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'published', reviewer: 'bob', reviewComment: '同意' });
    expect(await h.store.published(key)).toEqual(newContent);
    const hist = await h.store.history(key);
    expect(hist.map((x) => x.status)).toEqual(['superseded', 'published']);
  });

  it('a reviewer rejects with a comment; without one it is refused', async () => {
    const alice = await as('alice');
    const d = await alice.call('POST', `/api/admin/templates/${key}/drafts`, { contentText: 'title: 低保\ntext: 错误的文字\n', format: 'yaml', reason: '试改' });
    const v = Number(d.body.version);
    await alice.call('POST', `/api/admin/templates/${key}/versions/${v}/submit`);
    const bob = await as('bob');
    expect((await bob.call('POST', `/api/admin/templates/${key}/versions/${v}/reject`, { comment: '' })).status).toBe(400);
    const r = await bob.call('POST', `/api/admin/templates/${key}/versions/${v}/reject`, { comment: '材料写错了' });
    expect(r.body).toMatchObject({ status: 'rejected', reviewComment: '材料写错了', reviewer: 'bob' });
    expect(await h.store.published(key)).toEqual(newContent);
  });

  it('refuses invalid content with the problems listed', async () => {
    const alice = await as('alice');
    const r = await alice.call('POST', `/api/admin/templates/${key}/drafts`, { content: { title: 1 }, reason: 'x' });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'invalid_content', details: ['title: string required', 'text: string required'] });
  });

  it('a policy text is published by its editor directly; a town text is not', async () => {
    const alice = await as('alice');
    const d = await alice.call('POST', '/api/admin/templates/policy:law/drafts', { content: { title: '政策', text: '第二条' }, reason: '新文件' });
    const pub = await alice.call('POST', `/api/admin/templates/policy:law/versions/${Number(d.body.version)}/publish`);
    expect(pub.status).toBe(200);
    expect(await h.store.published('policy:law')).toEqual({ title: '政策', text: '第二条' });
    const t = await alice.call('POST', `/api/admin/templates/${key}/drafts`, { content: { title: 'x', text: 'y' }, reason: 'z' });
    const refused = await alice.call('POST', `/api/admin/templates/${key}/versions/${Number(t.body.version)}/publish`);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('not_policy');
  });

  it('history, diff and rollback through review', async () => {
    const alice = await as('alice');
    const hist = await alice.call('GET', `/api/admin/templates/${key}`);
    const versions = hist.body.versions as { version: number; author: string; reason: string; createdAt: string }[];
    expect(versions[0]).toMatchObject({ version: 1, author: 'seed' });
    expect(versions.every((x) => x.author && x.reason && x.createdAt)).toBe(true);
    const diff = await alice.call('GET', `/api/admin/templates/${key}/diff?a=1&b=2`);
    expect(diff.body.lines).toEqual([
      { op: 'same', line: 'title = "低保"' },
      { op: 'removed', line: 'text = "低保申请：带户口本。"' },
      { op: 'added', line: 'text = "低保申请：带户口本、身份证、收入证明。"' },
    ]);
    const rb = await alice.call('POST', `/api/admin/templates/${key}/rollback`, { toVersion: 1, reason: '新版有误，恢复' });
    expect(rb.body).toMatchObject({ status: 'draft', rollbackOf: 1, content: { text: '低保申请：带户口本。' } });
    expect(await h.store.published(key)).toEqual(newContent); // not live before review
    const v = Number(rb.body.version);
    await alice.call('POST', `/api/admin/templates/${key}/versions/${v}/submit`);
    expect((await (await as('bob')).call('POST', `/api/admin/templates/${key}/versions/${v}/approve`, {})).status).toBe(200);
    expect(await h.store.published(key)).toEqual({ title: '低保', text: '低保申请：带户口本。' });
  });

  it('previews per channel, WeChat cut to 2048 bytes', async () => {
    const alice = await as('alice');
    const r = await alice.call('POST', `/api/admin/templates/${key}/preview`, { content: { title: 't', text: '字'.repeat(1000) } });
    const wechat = r.body.wechat as { text: string; bytes: number; truncated: boolean };
    expect(wechat.truncated).toBe(true);
    expect(Buffer.byteLength(wechat.text)).toBeLessThanOrEqual(2048);
    expect(wechat.bytes).toBe(Buffer.byteLength(`微信:${'字'.repeat(1000)}`));
    expect(r.body.qq).toMatchObject({ text: `QQ:${'字'.repeat(1000)}`, truncated: false });
    const bad = await alice.call('POST', `/api/admin/templates/${key}/preview`, { contentText: 'title: [unclosed', format: 'yaml' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('bad_content_text');
    const invalid = await alice.call('POST', `/api/admin/templates/${key}/preview`, { content: { title: 't' } });
    expect(invalid.body.error).toMatchObject({ code: 'invalid_content', details: ['text: string required'] });
  });
});

describe('users', () => {
  it('an admin creates a user who can then log in', async () => {
    const root = await as('root');
    const r = await root.call('POST', '/api/admin/users', { username: 'erin', password: 'erin-long-password', roles: ['reviewer', 'leader'] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ username: 'erin', roles: ['reviewer', 'leader'] });
    expect(JSON.stringify(r.body)).not.toContain('scrypt');
    expect((await root.call('POST', '/api/admin/users', { username: 'erin', password: 'erin-long-password', roles: [] })).status).toBe(409);
    expect((await root.call('POST', '/api/admin/users', { username: 'x1', password: 'short', roles: [] })).status).toBe(400);
    expect((await client().login('erin', 'erin-long-password')).body.roles).toEqual(['reviewer', 'leader']);
  });
});
