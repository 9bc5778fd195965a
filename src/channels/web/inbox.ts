import type { PushSender } from '../../core/channel.js';
import { WebInboxModel, type WebInboxRecord } from './inbox.model.js';

/** One pushed message as the page receives it. */
export interface WebInboxMessage {
  parts: string[];
  createdAt: string;
}

/**
 * The web chat's PushSender: the browser cannot be called, so each message is stored for the
 * visitor (acknowledged write) and handed over on the page's next poll of /chat/api/inbox.
 */
export function createWebPushSender(opts: { now?: () => Date } = {}): PushSender {
  const now = opts.now ?? (() => new Date());
  return {
    channel: 'web',
    async push(userId, reply) {
      const parts = reply.parts.filter((p) => p.length > 0);
      if (parts.length === 0) return;
      await WebInboxModel.create({ userId, parts, createdAt: now() });
    },
  };
}

/**
 * The visitor's undelivered messages, oldest first, marked delivered. Read-then-mark: two polls at
 * the same instant (two tabs) may both return a message, so it can be shown twice; a message is
 * only marked after it has been read for a response, so none is lost.
 */
export async function takeUndelivered(userId: string, now: Date = new Date(), limit = 50): Promise<WebInboxMessage[]> {
  const rows = await WebInboxModel.find({ userId, deliveredAt: { $exists: false } })
    .sort({ createdAt: 1, _id: 1 })
    .limit(limit)
    .lean<WebInboxRecord[]>();
  if (rows.length === 0) return [];
  await WebInboxModel.updateMany({ _id: { $in: rows.map((r) => r._id) }, deliveredAt: { $exists: false } }, { $set: { deliveredAt: now } });
  return rows.map((r) => ({ parts: r.parts, createdAt: r.createdAt.toISOString() }));
}

/** Messages already handed to the visitor's page (for the history after a reload), newest `limit`, oldest first. */
export async function deliveredSince(userId: string, since: Date, limit = 50): Promise<WebInboxMessage[]> {
  const rows = await WebInboxModel.find({ userId, deliveredAt: { $exists: true }, createdAt: { $gte: since } })
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean<WebInboxRecord[]>();
  return rows.reverse().map((r) => ({ parts: r.parts, createdAt: r.createdAt.toISOString() }));
}
