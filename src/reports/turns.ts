import { dayKey } from '../calendar/index.js';
import { TurnRecordModel } from '../conversations/turn-record.model.js';
import type { Period } from './period.js';
import { Tally } from './tally.js';
import type { ReportTexts } from './texts.js';
import type { InquiryStats, UnderstandingStats } from './types.js';

/** The dialogue routes that mean "the bot did not understand" (src/dialogue/router.ts). */
const UNANSWERED_ROUTES = new Set(['clarify', 'fallback']);
const TOP_UNANSWERED = 10;
const UNCLASSIFIED = 'unclassified';

/** The fields a report reads: never `text`, only `maskedText` (PII replaced at the mask step). */
const PROJECTION = { channel: 1, userId: 1, kind: 1, intent: 1, service: 1, maskedText: 1, trace: 1, receivedAt: 1 } as const;

interface TurnRow {
  channel: string;
  userId: string;
  kind: string;
  intent?: string | null;
  service?: string | null;
  maskedText?: string | null;
  receivedAt: Date;
  trace?: { step?: string | null; outcome?: string | null }[] | null;
}

export interface TurnFigures {
  inquiries: InquiryStats;
  understanding: UnderstandingStats;
  /** per service id, for trends */
  services: Tally;
  /** per Beijing day (YYYY-MM-DD), the messages per channel */
  byDay: Map<string, Tally>;
}

/** Inbound villager messages in the period (events such as follow/unfollow are not inquiries). */
async function loadTurns(p: Period): Promise<TurnRow[]> {
  return TurnRecordModel.find({ receivedAt: { $gte: p.start, $lte: p.end }, kind: { $ne: 'event' } }, PROJECTION)
    .lean<TurnRow[]>()
    .exec();
}

function routeOf(t: TurnRow): string | undefined {
  return t.trace?.find((s) => s.step === 'dialogue')?.outcome ?? undefined;
}

/** Masked text with whitespace collapsed, so the same question typed twice groups together. */
function questionKey(t: TurnRow): string {
  return (t.maskedText ?? '').replace(/\s+/g, ' ').trim();
}

/** Counts messages, villagers, channels, intents, services and what went unanswered. */
export async function turnFigures(p: Period, texts: ReportTexts): Promise<TurnFigures> {
  const turns = await loadTurns(p);
  const villagers = new Set<string>();
  const channels = new Tally();
  const intents = new Tally();
  const services = new Tally();
  const unanswered = new Tally();
  const byDay = new Map<string, Tally>();
  let clarify = 0;
  let fallback = 0;
  for (const t of turns) {
    villagers.add(`${t.channel}\u0000${t.userId}`);
    channels.add(t.channel);
    const day = dayKey(t.receivedAt);
    byDay.set(day, byDay.get(day) ?? new Tally());
    byDay.get(day)?.add(t.channel);
    const route = routeOf(t);
    const notUnderstood = route !== undefined && UNANSWERED_ROUTES.has(route);
    // the classifier's guess on a turn it was unsure about is not a type of matter
    intents.add(notUnderstood || !t.intent ? UNCLASSIFIED : t.intent);
    if (t.service) services.add(t.service);
    if (!notUnderstood) continue;
    if (route === 'clarify') clarify++;
    else fallback++;
    const q = questionKey(t);
    if (q) unanswered.add(q);
  }
  const messages = turns.length;
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
