import { CaseModel } from '../cases/case.model.js';
import { ConversationModel } from '../conversations/conversation.model.js';
import { TurnRecordModel } from '../conversations/turn-record.model.js';
import { RetentionAuditModel, RetentionRunModel } from './retention.model.js';
import { isDuplicateKey } from '../core/db-errors.js';

export interface RetentionPolicy {
  /** days raw message text is kept (RETENTION_DAYS) */
  days: number;
  /** days a closed case keeps its text after closing (RETENTION_CASE_ARCHIVE_DAYS); open cases are never touched */
  caseArchiveDays: number;
}

export interface ExpireCounts { turns: number; conversations: number; cases: number }

const DAY_MS = 86_400_000;

/**
 * Masks what has outlived the policy: the raw text of turns older than `days` (the masked copy
 * stays for statistics), the half-finished dialogue state of conversations idle that long, and
 * the summary, details and replies of cases closed more than `caseArchiveDays` ago.
 */
export async function expireRawText(policy: RetentionPolicy, maskText: (t: string) => string, now = new Date()): Promise<ExpireCounts> {
  const cutoff = new Date(now.getTime() - policy.days * DAY_MS);
  const turns = await TurnRecordModel.updateMany({ receivedAt: { $lt: cutoff }, text: { $ne: '' } }, { $set: { text: '' } });
  const conversations = await ConversationModel.updateMany({ lastSeenAt: { $lt: cutoff }, pendingData: { $exists: true } }, { $unset: { pending: 1, pendingData: 1 } });
  const archived = new Date(now.getTime() - policy.caseArchiveDays * DAY_MS);
  const cases = await CaseModel.find({ status: 'closed', closedAt: { $lt: archived }, textExpiredAt: { $exists: false } }).lean();
  for (const c of cases) {
    await CaseModel.collection.updateOne({ _id: c._id }, { $set: { ...maskCaseText(c, maskText), textExpiredAt: now }, $inc: { version: 1 } });
  }
  return { turns: turns.modifiedCount, conversations: conversations.modifiedCount, cases: cases.length };
}

/** A case's free text (summary, details, staff replies) with personal data masked. */
export function maskCaseText(
  c: { summary: string; details?: Record<string, unknown> | null; replies?: Array<Record<string, unknown>> | null },
  maskText: (t: string) => string,
): { summary: string; details: Record<string, unknown>; replies: Array<Record<string, unknown>> } {
  return {
    summary: maskText(c.summary),
    details: Object.fromEntries(Object.entries(c.details ?? {}).map(([k, v]) => [k, typeof v === 'string' ? maskText(v) : v])),
    replies: (c.replies ?? []).map((r) => ({ ...r, text: maskText(String(r.text ?? '')) })),
  };
}

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * The daily job: the first instance to insert `expire:<day>` runs it, the others skip. Returns the
 * counts when this call ran the job, undefined when another instance (or an earlier call) had.
 */
export async function runDailyExpiry(policy: RetentionPolicy, maskText: (t: string) => string, now = new Date()): Promise<ExpireCounts | undefined> {
  try {
    await RetentionRunModel.create({ _id: `expire:${dayKey(now)}`, at: now });
  } catch (err) {
    if (isDuplicateKey(err)) return undefined;
    throw err;
  }
  const counts = await expireRawText(policy, maskText, now);
  await RetentionAuditModel.create({ at: now, action: 'expire', reason: 'retention', counts, policy });
  return counts;
}
