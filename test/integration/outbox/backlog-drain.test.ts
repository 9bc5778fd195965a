import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationModel } from '../../../src/conversations/conversation.model.js';
import { OutboxMessageModel } from '../../../src/outbox/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { startFakeWechatApi, type FakeWechatApi } from '../../helpers/fake-wechat-api.js';
import { backlogUser, seedLateAnswers, wechatBacklogOutbox } from '../../helpers/outbox-backlog.js';

/**
 * A burst leaves 1,200 late answers in the outbox; they drain through the customer-service API
 * (the local fake) at the channel's pace, each once. The time is printed by `npm run bench:outbox`.
 */
describe('outbox backlog', () => {
  useTestDatabase('outbox_backlog');
  let api: FakeWechatApi;
  beforeAll(async () => {
    api = await startFakeWechatApi();
  });
  afterAll(() => api.close());

  it('1,200 queued late answers are all delivered, each to its villager once', async () => {
    const count = 1200;
    await seedLateAnswers({ messages: count });
    const a = wechatBacklogOutbox(api.url);
    const b = wechatBacklogOutbox(api.url); // a second instance on the same database
    a.start();
    b.start();
    try {
      await api.waitForSent(count, 12 * 60_000);
      await new Promise((r) => setTimeout(r, 500)); // anything sent twice would arrive now
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const sent = api.sent();
    expect(sent).toHaveLength(count);
    expect(new Set(sent.map((s) => s.touser))).toEqual(new Set(Array.from({ length: count }, (_, i) => backlogUser(i))));
    for (const s of sent.slice(0, 50)) expect(s.content).toContain(`（${s.touser.replace('openid-backlog-', '')}）`);
    expect(await OutboxMessageModel.countDocuments({ status: 'sent' })).toBe(count);
  }, 13 * 60_000);

  it("keeps each villager's messages in order while sending to many at once", async () => {
    const users = ['order-a', 'order-b', 'order-c', 'order-d'];
    const now = new Date();
    for (const userId of users) {
      const key = `wechat:${userId}`;
      await ConversationModel.create({ _id: key, key, channel: 'wechat', userId, firstSeenAt: now, lastSeenAt: now, lastMessageAt: now });
    }
    const outbox = wechatBacklogOutbox(api.url, { pace: { wechat: { concurrency: 4, perSecond: 200 } } });
    for (let n = 1; n <= 4; n++) {
      for (const userId of users) await outbox.deliver({ channel: 'wechat', userId }, { parts: [`${userId} 第${n}条`] });
    }
    const before = api.sent().length;
    outbox.start();
    try {
      await api.waitForSent(before + 16, 60_000);
    } finally {
      await outbox.stop();
    }
    for (const userId of users) {
      expect(api.sent().filter((s) => s.touser === userId).map((s) => s.content)).toEqual([1, 2, 3, 4].map((n) => `${userId} 第${n}条`));
    }
  }, 90_000);
});
