import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxMessageModel } from '../../../src/outbox/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { startFakeWechatApi, type FakeWechatApi } from '../../helpers/fake-wechat-api.js';
import { drainAll, eventually, userWrote, wechatOutbox } from './fixtures.js';

describe('outbox over the WeChat customer-service API', () => {
  useTestDatabase('outbox');
  let api: FakeWechatApi;
  beforeAll(async () => {
    api = await startFakeWechatApi();
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await OutboxMessageModel.deleteMany({});
    api.calls.length = 0;
  });
  const sentTo = (user: string) => api.sent().filter((s) => s.touser === user);

  it('delivers a message exactly once, through the started worker', async () => {
    await userWrote('u-once');
    const { outbox } = wechatOutbox(api, 'wx_once');
    outbox.start();
    try {
      await outbox.deliver({ channel: 'wechat', userId: 'u-once' }, { parts: ['您的投诉已受理'] }, { caseNumber: 'T20260301-0001', reason: 'case-accepted' });
      await api.waitForSent(1);
      await eventually(async () => (await OutboxMessageModel.findOne({ userId: 'u-once' }).lean())?.status === 'sent');
      await outbox.drain();
    } finally {
      await outbox.stop();
    }
    expect(sentTo('u-once')).toEqual([expect.objectContaining({ touser: 'u-once', content: '您的投诉已受理' })]);
    const row = await OutboxMessageModel.findOne({ userId: 'u-once' }).lean();
    expect(row).toMatchObject({ status: 'sent', partsSent: 1, attempts: 0, meta: { caseNumber: 'T20260301-0001', reason: 'case-accepted' } });
    expect(row?.claimedBy).toBeUndefined();
  });

  it('two instances on one database send each message once', async () => {
    const users = Array.from({ length: 12 }, (_, i) => `u-pair-${i}`);
    for (const u of users) await userWrote(u);
    const a = wechatOutbox(api, 'wx_pair').outbox;
    const b = wechatOutbox(api, 'wx_pair').outbox;
    await Promise.all(users.map((u, i) => (i % 2 ? a : b).deliver({ channel: 'wechat', userId: u }, { parts: [`消息${i}`] })));
    await Promise.all([drainAll(a), drainAll(b), drainAll(a), drainAll(b)]);
    const sent = api.sent().filter((s) => s.touser.startsWith('u-pair-'));
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((s) => s.touser)).size).toBe(12);
    expect(await OutboxMessageModel.countDocuments({ status: 'sent' })).toBe(12);
  });

  it('two started workers racing on every kick still send each message once', async () => {
    const users = Array.from({ length: 20 }, (_, i) => `u-race-${i}`);
    for (const u of users) await userWrote(u);
    const a = wechatOutbox(api, 'wx_race').outbox;
    const b = wechatOutbox(api, 'wx_race').outbox;
    a.start();
    b.start();
    try {
      await Promise.all(users.map((u, i) => (i % 2 ? a : b).deliver({ channel: 'wechat', userId: u }, { parts: [`通知${i}`] })));
      await eventually(async () => (await OutboxMessageModel.countDocuments({ status: 'sent', userId: /^u-race-/ })) === 20);
      await Promise.all([a.drain(), b.drain()]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const sent = api.sent().filter((s) => s.touser.startsWith('u-race-'));
    expect(sent.map((s) => s.content).sort()).toEqual(users.map((_, i) => `通知${i}`).sort());
  });

  it('retries a transient failure (HTTP 500) and then sends', async () => {
    await userWrote('u-retry');
    const { outbox, undeliverable } = wechatOutbox(api, 'wx_retry');
    api.failNext({ status: 500 }, { errcode: -1, errmsg: 'system busy' });
    await outbox.deliver({ channel: 'wechat', userId: 'u-retry' }, { parts: ['稍后回复'] });
    await drainAll(outbox);
    expect(sentTo('u-retry').map((s) => s.content)).toEqual(['稍后回复']);
    const row = await OutboxMessageModel.findOne({ userId: 'u-retry' }).lean();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row?.lastError).toMatch(/errcode -1/);
    expect(undeliverable).toEqual([]);
  });

  it('gives up after the last attempt: failed, and the hook hears of it', async () => {
    await userWrote('u-fail');
    const { outbox, undeliverable } = wechatOutbox(api, 'wx_fail', { maxAttempts: 3 });
    api.failNext({ status: 502 }, { status: 502 }, { status: 502 });
    await outbox.deliver({ channel: 'wechat', userId: 'u-fail' }, { parts: ['x'] }, { caseNumber: 'T1' });
    await drainAll(outbox);
    expect(sentTo('u-fail')).toEqual([]);
    expect(await OutboxMessageModel.findOne({ userId: 'u-fail' }).lean()).toMatchObject({ status: 'failed', attempts: 3, undeliverableReason: 'attempts' });
    expect(undeliverable.map((m) => m.meta?.caseNumber)).toEqual(['T1']);
  });

  it('45015 from WeChat → undeliverable and onUndeliverable called, no retry', async () => {
    await userWrote('u-45015');
    const { outbox, undeliverable } = wechatOutbox(api, 'wx_45015');
    api.failNext({ errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' });
    await outbox.deliver({ channel: 'wechat', userId: 'u-45015' }, { parts: ['回访：您对办理结果满意吗？'] }, { caseNumber: 'T2', reason: 'follow-up' });
    await drainAll(outbox);
    const sends = api.calls.filter((c) => c.path === '/cgi-bin/message/custom/send');
    expect(sends).toHaveLength(1);
    expect(await OutboxMessageModel.findOne({ userId: 'u-45015' }).lean()).toMatchObject({ status: 'undeliverable', undeliverableReason: 'window' });
    expect(undeliverable).toHaveLength(1);
    expect(undeliverable[0]).toMatchObject({ userId: 'u-45015', status: 'undeliverable', meta: { caseNumber: 'T2', reason: 'follow-up' } });
  });

  it('45047 from WeChat → undeliverable (quota)', async () => {
    await userWrote('u-45047');
    const { outbox, undeliverable } = wechatOutbox(api, 'wx_45047');
    api.failNext({ errcode: 45047 });
    await outbox.deliver({ channel: 'wechat', userId: 'u-45047' }, { parts: ['x'] });
    await drainAll(outbox);
    expect(undeliverable.map((m) => m.undeliverableReason)).toEqual(['quota']);
  });

  it('outside the 48 h window: undeliverable without calling the API', async () => {
    await userWrote('u-old', new Date(Date.now() - 49 * 3600_000));
    await userWrote('u-old', new Date(), { name: 'CLICK', key: 'MENU_HELP' }); // a menu click opens no 48 h window
    const { outbox, undeliverable } = wechatOutbox(api, 'wx_old');
    await outbox.deliver({ channel: 'wechat', userId: 'u-old' }, { parts: ['案件已办结'] });
    await outbox.deliver({ channel: 'wechat', userId: 'u-never' }, { parts: ['案件已办结'] });
    await drainAll(outbox);
    expect(api.calls.filter((c) => c.path === '/cgi-bin/message/custom/send')).toHaveLength(0);
    // two villagers are sent to at once: the hook hears of both, in either order
    expect(undeliverable.map((m) => [m.userId, m.undeliverableReason]).sort()).toEqual([['u-never', 'window'], ['u-old', 'window']]);
  });

  it('five messages per user message: the sixth is undeliverable without an API call; a new message reopens', async () => {
    await userWrote('u-quota', new Date(Date.now() - 60_000));
    const { outbox, undeliverable } = wechatOutbox(api, 'wx_quota');
    for (let i = 1; i <= 6; i++) {
      await outbox.deliver({ channel: 'wechat', userId: 'u-quota' }, { parts: [`第${i}条`] });
      await drainAll(outbox);
    }
    expect(sentTo('u-quota').map((s) => s.content)).toEqual(['第1条', '第2条', '第3条', '第4条', '第5条']);
    expect(api.calls.filter((c) => c.path === '/cgi-bin/message/custom/send')).toHaveLength(5);
    expect(undeliverable.map((m) => [m.parts[0], m.undeliverableReason])).toEqual([['第6条', 'quota']]);

    await userWrote('u-quota');
    await outbox.deliver({ channel: 'wechat', userId: 'u-quota' }, { parts: ['第7条'] });
    await drainAll(outbox);
    expect(sentTo('u-quota').at(-1)?.content).toBe('第7条');
  });

  it('packs short parts into one customer-service message and cuts long ones at 2048 bytes', async () => {
    await userWrote('u-pack');
    const { outbox } = wechatOutbox(api, 'wx_pack');
    const long = '申请材料清单。'.repeat(200); // 4200 bytes
    await outbox.deliver({ channel: 'wechat', userId: 'u-pack' }, { parts: ['一', '二', long] });
    await drainAll(outbox);
    const sent = sentTo('u-pack').map((s) => s.content);
    expect(sent[0]?.startsWith('一\n\n二')).toBe(true);
    expect(sent.join('').replace(/\n/g, '')).toBe(`一二${long}`);
    for (const s of sent) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(2048);
    expect(sent.length).toBeLessThanOrEqual(3);
  });

  it('no sender for the channel → undeliverable; the same dedupeKey is enqueued once', async () => {
    const { outbox, undeliverable } = wechatOutbox(api, 'wx_nosend');
    await outbox.deliver({ channel: 'telegram', userId: '42' }, { parts: ['hi'] }, { dedupeKey: 'case:T3:closed' });
    await outbox.deliver({ channel: 'telegram', userId: '42' }, { parts: ['hi'] }, { dedupeKey: 'case:T3:closed' });
    expect(await OutboxMessageModel.countDocuments({ dedupeKey: 'case:T3:closed' })).toBe(1);
    await drainAll(outbox);
    expect(undeliverable.map((m) => [m.channel, m.undeliverableReason])).toEqual([['telegram', 'no-sender']]);
  });

  it('re-claims a message whose claim lapsed (an instance died mid-send) and resumes after the sent parts', async () => {
    await userWrote('u-lapsed');
    const { outbox } = wechatOutbox(api, 'wx_lapsed');
    await OutboxMessageModel.create({
      channel: 'wechat', userId: 'u-lapsed', parts: ['第一部分', '第二部分'], partsSent: 1, status: 'sending', claimedBy: 'dead',
      claimUntil: new Date(Date.now() - 1000), nextAttemptAt: new Date(), createdAt: new Date(), lastSentAt: new Date(),
    });
    await OutboxMessageModel.create({
      channel: 'wechat', userId: 'u-lapsed', parts: ['别人正在发'], status: 'sending', claimedBy: 'alive',
      claimUntil: new Date(Date.now() + 60_000), nextAttemptAt: new Date(), createdAt: new Date(),
    });
    await outbox.drain();
    expect(sentTo('u-lapsed').map((s) => s.content)).toEqual(['第二部分']);
  });
});
