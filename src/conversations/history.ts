import { TurnRecordModel } from './turn-record.model.js';

/** One line of a conversation as a chat page shows it after a reload. */
export interface HistoryEntry {
  from: 'visitor' | 'bot';
  parts: string[];
  at: Date;
}

/** how many of the visitor's latest turns a reload shows */
export const HISTORY_TURNS = 40;

/**
 * The latest turns of one user on one channel, oldest first: what they said (masked: phones and ID numbers
 * never come back to a screen) and what the bot answered. Served by the (channel, userId, receivedAt) index.
 */
export async function conversationHistory(channel: string, userId: string, limit = HISTORY_TURNS): Promise<HistoryEntry[]> {
  const rows = await TurnRecordModel.find({ channel, userId, kind: 'text' })
    .sort({ receivedAt: -1 })
    .limit(limit)
    .select({ maskedText: 1, replyParts: 1, receivedAt: 1, repliedAt: 1 })
    .lean();
  return rows.reverse().flatMap((r) => {
    const out: HistoryEntry[] = [{ from: 'visitor', parts: [r.maskedText ?? ''], at: r.receivedAt }];
    const parts = (r.replyParts ?? []).filter(Boolean);
    if (parts.length) out.push({ from: 'bot', parts, at: r.repliedAt ?? r.receivedAt });
    return out;
  });
}
