import { PushRefusedError } from '../../core/errors.js';
import type { PushSender } from '../../core/channel.js';
import type { Reply } from '../../core/message.js';
import type { QqApi } from './api.js';
import { encodeQqReply, qqSendPath, type QqReplyTarget } from './encode.js';
import { claimSeqs, findWindow, latestWindowFor, pruneWindows, storeWindow, type StoredWindow } from './window.model.js';

/** Passive reply rules since 2025-04-21 (proactive push is gone): window and count per msg_id. */
export const QQ_REPLY_WINDOW_MS = { c2c: 60 * 60_000, group: 5 * 60_000 } as const;
export const QQ_MAX_REPLIES_PER_MSG = 5;

export type QqWindowProblem = 'no-window' | 'expired' | 'quota';

/** QQ refuses this send: the outbox should fall back (e.g. mark the case 'needs phone call'). */
export class QqReplyWindowError extends PushRefusedError {
  override name = 'QqReplyWindowError';
  constructor(readonly problem: QqWindowProblem, readonly recipient: string) {
    super(problem === 'quota' ? 'quota' : 'window', `QQ cannot reach ${recipient}: ${problem}`);
  }
}

/** Windows and seq claims are kept this long (well past the 60 min window, whatever the clocks say). */
const KEEP_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

export interface QqPushSender extends PushSender {
  /**
   * Records a received message so replies (now or later, on any instance) can use its window.
   * The write runs in the background; a reply to the same message waits for it.
   */
  open(target: QqReplyTarget, recipients: string[], receivedAt?: number): void;
  /** Passive reply to one message; throws QqReplyWindowError outside its window or quota. */
  reply(msgId: string, reply: Reply): Promise<void>;
  /** Resolves when every window opened so far is stored (graceful stop, tests). */
  flush(): Promise<void>;
}

/**
 * Sends QQ passive replies within the platform's windows (C2C 60 min, group 5 min,
 * ≤5 per msg_id, msg_seq unique per msg_id). `push(id)` answers through the latest
 * message from that user openid or group openid. Windows live in the database
 * (window.model.ts), so they survive a restart and are shared between instances;
 * each msg_seq is claimed by a unique insert.
 */
export function createQqPushSender(api: QqApi, now: () => number = Date.now): QqPushSender {
  const opening = new Map<string, Promise<void>>();
  let prunedAt = Number.NEGATIVE_INFINITY;

  async function store(target: QqReplyTarget, recipients: string[], receivedAt: number): Promise<void> {
    if (now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now();
      await pruneWindows(now() - KEEP_MS);
    }
    await storeWindow(target, recipients, receivedAt);
  }

  function open(target: QqReplyTarget, recipients: string[], receivedAt = now()): void {
    const write = store(target, recipients, receivedAt).finally(() => {
      if (opening.get(target.msgId) === write) opening.delete(target.msgId);
    });
    write.catch(() => undefined); // handled here so it is never unhandled; the reply awaiting it gets the error
    opening.set(target.msgId, write);
  }

  async function sendWithin(window: StoredWindow | null, recipient: string, reply: Reply): Promise<void> {
    if (!window) throw new QqReplyWindowError('no-window', recipient);
    if (now() - window.openedAt > QQ_REPLY_WINDOW_MS[window.target.kind]) throw new QqReplyWindowError('expired', recipient);
    const bodies = encodeQqReply(window.target, reply, 1);
    if (bodies.length === 0) return;
    const seqs = await claimSeqs(window, bodies.length, QQ_MAX_REPLIES_PER_MSG, now());
    if (!seqs) throw new QqReplyWindowError('quota', recipient);
    const path = qqSendPath(window.target);
    for (const [i, body] of bodies.entries()) await api.send(path, { ...body, msg_seq: seqs[i] ?? body.msg_seq });
  }

  return {
    channel: 'qq',
    open,
    reply: async (msgId, reply) => {
      await opening.get(msgId);
      return sendWithin(await findWindow(msgId), msgId, reply);
    },
    push: async (recipient, reply) => {
      await Promise.allSettled(opening.values()); // a message just received may be this recipient's latest
      return sendWithin(await latestWindowFor(recipient), recipient, reply);
    },
    flush: async () => {
      await Promise.allSettled(opening.values());
    },
  };
}
