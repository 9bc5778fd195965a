import mongoose from 'mongoose';
import type { Period } from './period.js';

/**
 * What the bot could not answer, as the dialogue logs it in `unanswered_questions`
 * ({ at, channel, service?, intent?, textMasked, reason }): the template backlog (模板待补充).
 * Read here by raw collection (the writer owns the model); every read is a range on `at`.
 */
export const UNANSWERED_COLLECTION = 'unanswered_questions';

export interface UnansweredRow {
  at: Date;
  channel: string;
  service?: string | null;
  intent?: string | null;
  textMasked: string;
  reason: string;
}

export interface UnansweredFilter {
  service?: string;
  reason?: string;
}

function collection() {
  return mongoose.connection.collection<UnansweredRow>(UNANSWERED_COLLECTION);
}

function query(p: Period, f: UnansweredFilter = {}): Record<string, unknown> {
  return { at: { $gte: p.start, $lte: p.end }, ...(f.service ? { service: f.service } : {}), ...(f.reason ? { reason: f.reason } : {}) };
}

const PROJECTION = { _id: 0, at: 1, channel: 1, service: 1, intent: 1, textMasked: 1, reason: 1 } as const;

/** Every logged question of the period, oldest first (at most `limit`). */
export async function unansweredIn(p: Period, f: UnansweredFilter = {}, limit = 20_000): Promise<UnansweredRow[]> {
  return collection().find(query(p, f), { projection: PROJECTION }).sort({ at: 1 }).limit(limit).toArray() as Promise<UnansweredRow[]>;
}

/** One page, newest first, and the total. */
export async function unansweredPage(p: Period, f: UnansweredFilter, page: number, pageSize: number): Promise<{ rows: UnansweredRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    collection().find(query(p, f), { projection: PROJECTION }).sort({ at: -1 }).skip((page - 1) * pageSize).limit(pageSize).toArray() as Promise<UnansweredRow[]>,
    collection().countDocuments(query(p, f)),
  ]);
  return { rows, total };
}

/** The same question asked several times, grouped by its masked text (whitespace ignored: 宅基地 怎么批 = 宅基地怎么批). */
export interface QuestionGroup {
  text: string;
  count: number;
  service: string | null;
  reason: string;
  channel: string;
  lastAt: Date;
}

export function groupQuestions(rows: UnansweredRow[], limit = 50): QuestionGroup[] {
  const groups = new Map<string, QuestionGroup>();
  for (const r of rows) {
    const text = (r.textMasked ?? '').replace(/\s+/g, ' ').trim();
    const key = text.replace(/\s/g, '');
    if (!key) continue;
    const g = groups.get(key);
    if (!g) groups.set(key, { text, count: 1, service: r.service ?? null, reason: r.reason, channel: r.channel, lastAt: r.at });
    else {
      g.count++;
      if (r.at.getTime() > g.lastAt.getTime()) Object.assign(g, { lastAt: r.at, reason: r.reason, channel: r.channel, service: r.service ?? g.service });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime()).slice(0, limit);
}
