import type { PushSender } from '../../core/channel.js';
import type { Reply } from '../../core/message.js';
import type { QqApi } from './api.js';
import { encodeQqReply, qqSendPath, type QqReplyTarget } from './encode.js';

/** Passive reply rules since 2025-04-21 (proactive push is gone): window and count per msg_id. */
export const QQ_REPLY_WINDOW_MS = { c2c: 60 * 60_000, group: 5 * 60_000 } as const;
export const QQ_MAX_REPLIES_PER_MSG = 5;

export type QqWindowProblem = 'no-window' | 'expired' | 'quota';

/** QQ refuses this send: the outbox should fall back (e.g. mark the case 'needs phone call'). */
export class QqReplyWindowError extends Error {
  override name = 'QqReplyWindowError';
  constructor(readonly problem: QqWindowProblem, readonly recipient: string) {
    super(`QQ cannot reach ${recipient}: ${problem}`);
  }
}

interface ReplyWindow {
  target: QqReplyTarget;
  receivedAt: number;
  /** msg_seq values used so far; also the count of replies sent */
  used: number;
}

export interface QqPushSender extends PushSender {
  /** Records a received message so replies (now or later) can use its window. */
  open(target: QqReplyTarget, recipients: string[], receivedAt?: number): void;
  /** Passive reply to one message; throws QqReplyWindowError outside its window or quota. */
  reply(msgId: string, reply: Reply): Promise<void>;
}

/**
 * Sends QQ passive replies within the platform's windows (C2C 60 min, group 5 min,
 * ≤5 per msg_id, msg_seq unique and increasing). `push(id)` answers through the latest
 * message from that user openid or group openid. Windows are kept in memory only.
 */
export function createQqPushSender(api: QqApi, now: () => number = Date.now): QqPushSender {
  const byMsgId = new Map<string, ReplyWindow>();
  const latestByRecipient = new Map<string, string>();

  function prune(): void {
    const oldest = now() - QQ_REPLY_WINDOW_MS.c2c;
    for (const [id, w] of byMsgId) if (w.receivedAt < oldest) byMsgId.delete(id);
    for (const [who, id] of latestByRecipient) if (!byMsgId.has(id)) latestByRecipient.delete(who);
  }

  function open(target: QqReplyTarget, recipients: string[], receivedAt = now()): void {
    prune();
    if (!byMsgId.has(target.msgId)) byMsgId.set(target.msgId, { target, receivedAt, used: 0 });
    for (const who of recipients) latestByRecipient.set(who, target.msgId);
  }

  async function sendWithin(window: ReplyWindow | undefined, recipient: string, reply: Reply): Promise<void> {
    if (!window) throw new QqReplyWindowError('no-window', recipient);
    if (now() - window.receivedAt > QQ_REPLY_WINDOW_MS[window.target.kind]) throw new QqReplyWindowError('expired', recipient);
    const bodies = encodeQqReply(window.target, reply, window.used + 1);
    if (window.used + bodies.length > QQ_MAX_REPLIES_PER_MSG) throw new QqReplyWindowError('quota', recipient);
    window.used += bodies.length; // reserve the seqs first so concurrent sends never reuse one
    const path = qqSendPath(window.target);
    for (const body of bodies) await api.send(path, body);
  }

  return {
    channel: 'qq',
    open,
    reply: (msgId, reply) => sendWithin(byMsgId.get(msgId), msgId, reply),
    push: (recipient, reply) => {
      const msgId = latestByRecipient.get(recipient);
      return sendWithin(msgId === undefined ? undefined : byMsgId.get(msgId), recipient, reply);
    },
  };
}
