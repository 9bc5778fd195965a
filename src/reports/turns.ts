import { dayCounts } from './day-rollup.js';
import type { Period } from './period.js';
import { Tally } from './tally.js';
import type { ReportTexts } from './texts.js';
import type { InquiryStats, UnderstandingStats } from './types.js';

const TOP_UNANSWERED = 10;

export interface TurnFigures {
  inquiries: InquiryStats;
  understanding: UnderstandingStats;
  /** per service id, for trends */
  services: Tally;
  /** per Beijing day (YYYY-MM-DD), the messages per channel */
  byDay: Map<string, Tally>;
}

/**
 * Counts messages, villagers, channels, intents, services and what went unanswered, from each
 * day's counts (day-rollup.ts: stored for settled days, counted from the turns for the others).
 */
export async function turnFigures(p: Period, texts: ReportTexts, now = new Date()): Promise<TurnFigures> {
  const days = await dayCounts(p.from, p.to, now);
  const villagers = new Set<string>();
  const channels = new Tally();
  const intents = new Tally();
  const services = new Tally();
  const unanswered = new Tally();
  const byDay = new Map<string, Tally>();
  let clarify = 0;
  let fallback = 0;
  let messages = 0;
  for (const d of days) {
    messages += d.messages;
    for (const v of d.villagers) villagers.add(v);
    const day = new Tally();
    for (const { k, n } of d.channels) {
      channels.add(k, n);
      day.add(k, n);
    }
    if (d.messages) byDay.set(d.day, day);
    for (const { k, n } of d.intents) intents.add(k, n);
    for (const { k, n } of d.services) services.add(k, n);
    for (const { k, n } of d.unanswered) unanswered.add(k, n);
    clarify += d.clarify;
    fallback += d.fallback;
  }
  return {
    inquiries: {
      messages,
      villagers: villagers.size,
      byChannel: channels.rows((k) => texts.channel(k)),
      byIntent: intents.rows((k) => texts.intent(k)),
      byService: services.rows((k) => texts.service(k)),
    },
    understanding: {
      unanswered: clarify + fallback,
      clarify,
      fallback,
      rate: messages === 0 ? 0 : (clarify + fallback) / messages,
      top: unanswered.rows((k) => k).slice(0, TOP_UNANSWERED).map((r) => ({ text: r.key, count: r.count })),
    },
    services,
    byDay,
  };
}
