import { createWechatTokenStore } from '../../src/channels/wechat-official/access-token.js';
import { createWechatPushSender } from '../../src/channels/wechat-official/push.js';
import { ConversationModel } from '../../src/conversations/conversation.model.js';
import { TurnRecordModel, turnId } from '../../src/conversations/turn-record.model.js';
import { silentLogger } from '../../src/logger.js';
import { Outbox, OutboxMessageModel, type OutboxOptions } from '../../src/outbox/index.js';

const TRACE = ['normalize', 'mask', 'dedupe', 'identify', 'classify', 'dialogue', 'handler'].map((step) => ({ step, outcome: 'ok', ms: 0.4 }));
const ANSWER = '办理低保需要：身份证、户口本、家庭收入证明。请到镇便民服务中心社会救助窗口提交，工作日 8:30–17:30。';

/** The WeChat user of backlog message `i`. */
export const backlogUser = (i: number): string => `openid-backlog-${i}`;

/**
 * Seeds what a burst leaves behind: `messages` villagers who each wrote once a few minutes ago and
 * whose answer missed WeChat's 5 seconds (a turn record each, and a pending late answer in the
 * outbox), after `history` older answered turns and sent outbox rows of other villagers.
 */
export async function seedLateAnswers(o: { messages: number; history?: number; now?: number }): Promise<void> {
  const now = o.now ?? Date.now();
  const history = o.history ?? 0;
  const turn = (userId: string, messageId: string, at: Date) => ({
    _id: turnId('wechat', messageId), channel: 'wechat', messageId, userId, conversationKey: `wechat:${userId}`, kind: 'text',
    text: '低保怎么申请', maskedText: '低保怎么申请', sentAt: at, receivedAt: at, status: 'answered', intent: 'policy_query',
    service: 'dibao', confidence: 0.93, replyParts: [ANSWER], repliedAt: at, trace: TRACE,
  });
  for (let start = 0; start < history; start += 500) {
    const n = Math.min(500, history - start);
    const at = (k: number) => new Date(now - 3 * 86_400_000 + (start + k) * 1000);
    await TurnRecordModel.collection.insertMany(Array.from({ length: n }, (_, k) => turn(`openid-old-${start + k}`, `old-${start + k}`, at(k))) as never[]);
    await OutboxMessageModel.collection.insertMany(Array.from({ length: n }, (_, k) => ({
      channel: 'wechat', userId: `openid-old-${start + k}`, parts: [ANSWER], partsSent: 1, meta: { reason: 'overflow' }, status: 'sent',
      attempts: 0, nextAttemptAt: at(k), claimGen: 1, lastSentAt: at(k), sentAt: at(k), createdAt: at(k),
    })) as never[]);
  }
  for (let start = 0; start < o.messages; start += 500) {
    const n = Math.min(500, o.messages - start);
    const at = (k: number) => new Date(now - 5 * 60_000 + (start + k) * 10);
    await TurnRecordModel.collection.insertMany(Array.from({ length: n }, (_, k) => turn(backlogUser(start + k), `burst-${start + k}`, at(k))) as never[]);
    await ConversationModel.collection.insertMany(Array.from({ length: n }, (_, k) => {
      const key = `wechat:${backlogUser(start + k)}`;
      return { _id: key, key, channel: 'wechat', userId: backlogUser(start + k), turns: 1, firstSeenAt: at(k), lastSeenAt: at(k), lastMessageAt: at(k) };
    }) as never[]);
    await OutboxMessageModel.collection.insertMany(Array.from({ length: n }, (_, k) => ({
      channel: 'wechat', userId: backlogUser(start + k), parts: [`${ANSWER}（${start + k}）`], partsSent: 0, meta: { reason: 'late-answer' },
      status: 'pending', attempts: 0, nextAttemptAt: at(k), claimGen: 0, createdAt: at(k),
    })) as never[]);
  }
}

/** An outbox that pushes WeChat messages to the API at `apiBase` (the fake one in tests and benches). */
export function wechatBacklogOutbox(apiBase: string, o: Partial<OutboxOptions> = {}): Outbox {
  const outbox = new Outbox({ logger: silentLogger, intervalMs: 50, ...o });
  const tokenStore = createWechatTokenStore({ apiBase, appId: 'wx_backlog', appSecret: 'secret' });
  outbox.register(createWechatPushSender({ apiBase, tokenStore }));
  return outbox;
}
