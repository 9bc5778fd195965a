import { caseFigures } from './cases.js';
import { comparisonPeriod, periodOf } from './period.js';
import { satisfactionFigures } from './satisfaction.js';
import { changeOf, type Tally } from './tally.js';
import { ReportTexts } from './texts.js';
import { turnFigures } from './turns.js';
import type { Report, TrendRow } from './types.js';

export interface BuildReportOptions {
  /** first day, YYYY-MM-DD (Beijing time), included */
  from: string;
  /** last day, YYYY-MM-DD (Beijing time), included */
  to: string;
  /** the moment "overdue" is judged at; now by default */
  now?: Date;
  /** wording and labels; read from the repository's templates/ by default */
  texts?: ReportTexts;
}

/**
 * The 群众咨询梳理分析 statistics (000 §7; 一月一报): inquiries, what went unanswered, cases,
 * satisfaction, trends against the previous month / quarter (or as many days before), and matters needing attention.
 * Reads turns, cases and 回访 answers with plain find() and counts in memory (township volumes).
 */
export async function buildReport(options: BuildReportOptions): Promise<Report> {
  const period = periodOf(options.from, options.to);
  const prev = comparisonPeriod(period);
  const now = options.now ?? new Date();
  const texts = options.texts ?? ReportTexts.load();
  const [current, before, cases, satisfaction] = await Promise.all([
    turnFigures(period, texts, now),
    turnFigures(prev, texts, now),
    caseFigures(period, now, texts),
    satisfactionFigures(period),
  ]);
  const cur = current.inquiries;
  const old = before.inquiries;
  return {
    period: { from: period.from, to: period.to, days: period.days },
    previousPeriod: { from: prev.from, to: prev.to },
    generatedAt: now.toISOString(),
    inquiries: cur,
    understanding: current.understanding,
    cases: cases.cases,
    satisfaction,
    trends: {
      messages: { current: cur.messages, previous: old.messages, change: changeOf(cur.messages, old.messages) },
      villagers: { current: cur.villagers, previous: old.villagers, change: changeOf(cur.villagers, old.villagers) },
      byService: serviceTrends(current.services, before.services, texts),
    },
    attention: cases.attention,
  };
}

function serviceTrends(current: Tally, previous: Tally, texts: ReportTexts): TrendRow[] {
  const keys = new Set([...current.keys(), ...previous.keys()]);
  return [...keys]
    .map((key) => {
      const c = current.get(key);
      const p = previous.get(key);
      return { key, label: texts.service(key), current: c, previous: p, change: changeOf(c, p) };
    })
    .sort((a, b) => b.current - a.current || b.previous - a.previous || a.key.localeCompare(b.key));
}
