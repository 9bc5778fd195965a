import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { createWechatPushSender } from '../../../src/channels/wechat-official/push.js';
import { createWechatTokenStore } from '../../../src/channels/wechat-official/access-token.js';
import { silentLogger } from '../../../src/logger.js';
import { Outbox, OutboxMessageModel, type OutboxOptions, type OutboxRecord } from '../../../src/outbox/index.js';
import type { FakeWechatApi } from '../../helpers/fake-wechat-api.js';

let seq = 0;

/** Records that `userId` wrote to the account at `receivedAt` (what opens WeChat's 48 h window). */
export async function userWrote(userId: string, receivedAt = new Date(), event?: { name: string; key?: string }): Promise<void> {
  seq += 1;
  await TurnRecordModel.create({
    channel: 'wechat', messageId: `m${Date.now()}${seq}`, userId, conversationKey: `wechat:${userId}`, kind: event ? 'event' : 'text',
    text: event ? '' : '你好', event, sentAt: receivedAt, receivedAt, status: 'answered',
  });
}

/** An Outbox sending WeChat messages to the fake API, with fast retries; `undeliverable` collects hook calls. */
export function wechatOutbox(api: FakeWechatApi, appId: string, o: Partial<OutboxOptions> = {}): { outbox: Outbox; undeliverable: OutboxRecord[] } {
  const undeliverable: OutboxRecord[] = [];
  const outbox = new Outbox({ logger: silentLogger, baseDelayMs: 1, intervalMs: 20, onUndeliverable: (m) => void undeliverable.push(m), ...o });
  const tokenStore = createWechatTokenStore({ apiBase: api.url, appId, appSecret: 'secret' });
  outbox.register(createWechatPushSender({ apiBase: api.url, tokenStore }));
  return { outbox, undeliverable };
}

/** Drains until nothing is pending (retries are due after 1-2 ms). */
export async function drainAll(outbox: Outbox, rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await outbox.drain();
    if ((await OutboxMessageModel.countDocuments({ status: { $in: ['pending', 'sending'] } })) === 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Polls until `check` passes (the worker runs on its own timer). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
