import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel, type CaseRecord } from '../../../src/cases/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { InboxVisitor } from '../web-inbox/visitor.js';
import { ApiClient } from '../admin/harness.js';

/**
 * Issue 12 on the real bot: a villager files a complaint in the web chat; staff take it and reply from
 * the admin console (POST /api/admin/cases/:number/actions, the staff room's own commands); the reply
 * is recorded on the case and reaches the villager's web inbox through the outbox.
 */
const ADMIN_PASSWORD = 'bootstrap admin password for console';
const STAFF_PASSWORD = '经办人的登录密码足够长';

/** Polls the web inbox until `count` messages arrived (each poll hands over what is new). */
async function waitForInbox(v: InboxVisitor, count: number): Promise<string[][]> {
  const got: string[][] = [];
  for (let i = 0; i < 200 && got.length < count; i++) {
    got.push(...(await v.inbox()).messages);
    if (got.length < count) await new Promise((r) => setTimeout(r, 50));
  }
  return got;
}

describe('a case action from the admin console reaches the villager', () => {
  useTestDatabase('consoleoutbox');
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot({ ADMIN_PASSWORD }); });
  afterAll(async () => { await bot.close(); });

  it('接单 and 回复 from the page: recorded in the history, the reply in the villager\'s inbox', async () => {
    const v = new InboxVisitor(bot.url);
    await v.say('我要举报村主任收红包 上礼拜在村部 要求退钱');
    await v.say('匿名 不知道');
    expect((await v.say('确认')).join('')).toContain('已登记，编号 T');
    const filed = await CaseModel.findOne({ 'complainant.channel': 'web', 'complainant.userId': v.userId }).lean<CaseRecord>();
    const number = filed?.number ?? '';
    const holderId = filed?.holderId ?? '';
    expect(holderId).toBeTruthy();

    const admin = new ApiClient(bot.url);
    expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    // a Chinese username linked to the roster member who holds the case
    const created = await admin.call('POST', '/api/admin/users', { username: '张经办', displayName: '张经办', password: STAFF_PASSWORD, roles: ['staff'], staffId: holderId });
    expect(created.status).toBe(201);

    const staff = new ApiClient(bot.url);
    expect((await staff.login('张经办', STAFF_PASSWORD)).status).toBe(200);
    const found = await staff.call('GET', `/api/admin/cases?q=${encodeURIComponent(number)}`);
    expect(found.body).toMatchObject({ total: 1, cases: [{ number }] });
    const before = await staff.call('GET', `/api/admin/cases/${number}`);
    expect(before.body.actions).toContain('take');

    const missing = await staff.call('POST', `/api/admin/cases/${number}/actions`, { action: 'reply' });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toBe('“答复内容”必须填写。');

    const take = await staff.call('POST', `/api/admin/cases/${number}/actions`, { action: 'take' });
    expect(take.status).toBe(200);
    expect(String(take.body.message)).toContain(number);
    const answer = '经核查，红包已退还，相关人员已作处理。';
    const reply = await staff.call('POST', `/api/admin/cases/${number}/actions`, { action: 'reply', text: answer });
    expect(reply.status).toBe(200);
    const detail = reply.body.case as { case: { status: string; statusLabel: string }; history: { action: string; actorName: string }[]; replies: { text: string }[] };
    expect(detail.case).toMatchObject({ status: 'answered', statusLabel: '已答复' });
    expect(detail.history.slice(-2).map((h) => h.action)).toEqual(['take', 'reply']);
    expect(detail.replies.map((r) => r.text)).toEqual([answer]);

    // 接单 tells the villager someone took the case; then the reply arrives, each once
    const inbox = await waitForInbox(v, 2);
    expect(inbox).toHaveLength(2);
    expect(inbox[0]?.join('')).toContain('已有工作人员接办');
    expect(inbox[1]?.join('')).toContain(answer);
    expect(inbox[1]?.join('')).toContain(number);
    await new Promise((r) => setTimeout(r, 300));
    expect((await v.inbox()).messages).toHaveLength(0);

    // the same rules as the room: closing twice is refused in Chinese, nothing changes
    expect((await staff.call('POST', `/api/admin/cases/${number}/actions`, { action: 'close', result: '已退还' })).status).toBe(200);
    const again = await staff.call('POST', `/api/admin/cases/${number}/actions`, { action: 'close', result: '再办结一次' });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('case_refused');
    expect(again.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
    const closed = await CaseModel.findOne({ number }).lean<CaseRecord>();
    expect(closed?.history.filter((h) => h.action === 'close')).toHaveLength(1);

    // an account not linked to the roster cannot act
    const unlinked = await admin.call('POST', `/api/admin/cases/${number}/actions`, { action: 'take' });
    expect(unlinked.status).toBe(403);
    expect(unlinked.body.error?.code).toBe('not_linked');
  });
});
