import { SatisfactionModel } from '../dialogue/flows/satisfaction.model.js';
import type { Period } from './period.js';
import type { SatisfactionStats } from './types.js';

type Rating = 'satisfied' | 'partly' | 'unsatisfied';
const RATINGS: readonly Rating[] = ['satisfied', 'partly', 'unsatisfied'];

interface Row {
  caseNumber: string;
  rating: string;
  at: Date;
}

/**
 * 满意/基本满意/不满意 from the 回访 answers given in the period. When a villager answered the
 * same case twice, the later answer counts.
 */
export async function satisfactionFigures(p: Period): Promise<SatisfactionStats> {
  const rows = await SatisfactionModel.find({ at: { $gte: p.start, $lte: p.end } }, { caseNumber: 1, rating: 1, at: 1 })
    .lean<Row[]>()
    .exec();
  const latest = new Map<string, Row>();
  for (const r of rows) {
    const seen = latest.get(r.caseNumber);
    if (!seen || seen.at.getTime() < r.at.getTime()) latest.set(r.caseNumber, r);
  }
  const counts: Record<Rating, number> = { satisfied: 0, partly: 0, unsatisfied: 0 };
  for (const r of latest.values()) if ((RATINGS as readonly string[]).includes(r.rating)) counts[r.rating as Rating]++;
  const total = counts.satisfied + counts.partly + counts.unsatisfied;
  return { recorded: total > 0, total, ...counts };
}
