import { createHash } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { dayKey, endOfDay, shiftDay, startOfDay } from '../calendar/day-key.js';
import { TurnRecordModel } from '../conversations/turn-record.model.js';
import { Tally } from './tally.js';

/**
 * One Beijing day's inbound messages, counted once (日汇总): what a report needs from that day's
 * turns, so a month's report reads 30 small rows instead of every message (issue 9: 34,000
 * turns took 6.5 s on the embedded database).
 *
 * Only settled days are stored: a day that ended more than SETTLED_AFTER_MS ago. Today and
 * yesterday are always counted from the turns (a message that arrives late, e.g. replayed from
 * the outage spool, lands in them). Counts are anonymous: villagers are kept as short hashes, to
 * count them distinctly over a period; the unanswered questions are their masked text, and erasing
 * a villager forgets the days they wrote on (forgetDays), which are then counted again.
 */
/** A key and how many times it came (an object, not a pair: FerretDB stores no nested arrays). */
export interface Count { k: string; n: number }

export interface DayCounts {
  day: string;
  messages: number;
  /** sha256(channel, userId), 12 hex digits: distinct villagers over days */
  villagers: string[];
  channels: Count[];
  intents: Count[];
  services: Count[];
  /** masked question → times, for the turns the bot did not understand */
  unanswered: Count[];
  clarify: number;
  fallback: number;
}

/** Raise when what a day row holds, or how it is counted, changes: older rows are counted again. */
export const ROLLUP_VERSION = 1;
/** A day is settled this long after it ended. */
const SETTLED_AFTER_MS = 24 * 60 * 60_000;

const countSchema = new Schema({ k: String, n: Number }, { _id: false });
const pairs = { type: [countSchema], default: [] };
const reportDaySchema = new Schema(
  {
    _id: { type: String },
    v: { type: Number, required: true },
    messages: Number, villagers: { type: [String], default: [] },
    channels: pairs, intents: pairs, services: pairs, unanswered: pairs,
    clarify: Number, fallback: Number,
    countedAt: Date,
  },
  { collection: 'report_days', versionKey: false },
);
export const ReportDayModel = mongoose.model('ReportDay', reportDaySchema);

/** The dialogue routes that mean "the bot did not understand" (src/dialogue/router.ts). */
const UNANSWERED_ROUTES = new Set(['clarify', 'fallback']);
const UNCLASSIFIED = 'unclassified';

/** The fields counted: never `text`, only `maskedText` (PII replaced at the mask step). */
const PROJECTION = { channel: 1, userId: 1, intent: 1, service: 1, maskedText: 1, trace: 1, receivedAt: 1 } as const;

interface TurnRow {
  channel: string;
  userId: string;
  intent?: string | null;
  service?: string | null;
  maskedText?: string | null;
  receivedAt: Date;
  trace?: { step?: string | null; outcome?: string | null }[] | null;
}

interface DayTally {
  messages: number; villagers: Set<string>; channels: Tally; intents: Tally; services: Tally; unanswered: Tally;
  clarify: number; fallback: number;
}

const villagerKey = (t: TurnRow) => createHash('sha256').update(`${t.channel}\u0000${t.userId}`).digest('hex').slice(0, 12);
const routeOf = (t: TurnRow) => t.trace?.find((s) => s.step === 'dialogue')?.outcome ?? undefined;
/** Masked text with whitespace collapsed, so the same question typed twice groups together. */
const questionKey = (t: TurnRow) => (t.maskedText ?? '').replace(/\s+/g, ' ').trim();

function countTurn(d: DayTally, t: TurnRow): void {
  d.messages++;
  d.villagers.add(villagerKey(t));
  d.channels.add(t.channel);
  const route = routeOf(t);
  const notUnderstood = route !== undefined && UNANSWERED_ROUTES.has(route);
  // the classifier's guess on a turn it was unsure about is not a type of matter
  d.intents.add(notUnderstood || !t.intent ? UNCLASSIFIED : t.intent);
  if (t.service) d.services.add(t.service);
  if (!notUnderstood) return;
  if (route === 'clarify') d.clarify++;
  else d.fallback++;
  const q = questionKey(t);
  if (q) d.unanswered.add(q);
}

/** The days from..to counted from their turns (inbound messages; events are not inquiries). */
async function countFromTurns(from: string, to: string): Promise<DayCounts[]> {
  const tallies = new Map<string, DayTally>();
  const cursor = TurnRecordModel.find({ receivedAt: { $gte: startOfDay(from), $lte: endOfDay(to) }, kind: { $ne: 'event' } }, PROJECTION)
    .lean<TurnRow[]>().cursor({ batchSize: 1000 });
  for await (const t of cursor) {
    const day = dayKey(t.receivedAt);
    let d = tallies.get(day);
    if (!d) tallies.set(day, d = { messages: 0, villagers: new Set(), channels: new Tally(), intents: new Tally(), services: new Tally(), unanswered: new Tally(), clarify: 0, fallback: 0 });
    countTurn(d, t);
  }
  const out: DayCounts[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1)) {
    const d = tallies.get(day);
    out.push(d
      ? { day, messages: d.messages, villagers: [...d.villagers], channels: d.channels.entries(), intents: d.intents.entries(), services: d.services.entries(), unanswered: d.unanswered.entries(), clarify: d.clarify, fallback: d.fallback }
      : { day, messages: 0, villagers: [], channels: [], intents: [], services: [], unanswered: [], clarify: 0, fallback: 0 });
  }
  return out;
}

/** Runs of consecutive days: [from, to] pairs. */
function runs(days: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const day of days) {
    const last = out[out.length - 1];
    if (last && shiftDay(last[1], 1) === day) last[1] = day;
    else out.push([day, day]);
  }
  return out;
}

const isSettled = (day: string, now: Date) => endOfDay(day).getTime() < now.getTime() - SETTLED_AFTER_MS;

/** Stores settled days' counts; another instance storing the same day first is fine (same counts). */
async function store(days: DayCounts[], now: Date): Promise<void> {
  if (!days.length) return;
  const docs = days.map(({ day, ...counts }) => ({ _id: day, v: ROLLUP_VERSION, ...counts, countedAt: now }));
  await ReportDayModel.insertMany(docs, { ordered: false }).catch((err: { code?: number; writeErrors?: { code?: number }[] }) => {
    const codes = err.writeErrors?.map((e) => e.code) ?? [err.code];
    if (codes.some((c) => c !== 11000)) throw err;
  });
}

/**
 * Every day of from..to (YYYY-MM-DD, Beijing), in order: settled days from their stored row
 * (counted and stored now when missing or of an older version), the others from the turns.
 */
export async function dayCounts(from: string, to: string, now = new Date()): Promise<DayCounts[]> {
  const days: string[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1)) days.push(day);
  const settled = days.filter((d) => isSettled(d, now));
  const rows = settled.length
    ? await ReportDayModel.find({ _id: { $in: settled } }).lean<(Omit<DayCounts, 'day'> & { _id: string; v: number })[]>()
    : [];
  const known = new Map<string, DayCounts>();
  for (const { _id, v, ...counts } of rows) {
    if (v === ROLLUP_VERSION) known.set(_id, { day: _id, ...counts } as DayCounts);
  }
  const missing = days.filter((d) => !known.has(d));
  const stale = new Set(rows.filter((r) => r.v !== ROLLUP_VERSION).map((r) => r._id));
  if (stale.size) await ReportDayModel.deleteMany({ _id: { $in: [...stale] } });
  for (const [a, b] of runs(missing)) {
    const counted = await countFromTurns(a, b);
    for (const c of counted) known.set(c.day, c);
    await store(counted.filter((c) => isSettled(c.day, now)), now);
  }
  return days.map((d) => known.get(d)!);
}

/**
 * Counts the settled days of the last `days` days that are not stored yet (start-up and nightly:
 * the first report of a month then reads rows only). Returns how many days were counted.
 */
export async function rollUpRecentDays(days: number, now = new Date()): Promise<number> {
  const to = dayKey(new Date(now.getTime() - 2 * SETTLED_AFTER_MS));
  const from = shiftDay(to, 1 - days);
  const all: string[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1)) all.push(day);
  const stored = new Set((await ReportDayModel.find({ _id: { $in: all }, v: ROLLUP_VERSION }, { _id: 1 }).lean<{ _id: string }[]>()).map((r) => r._id));
  let counted = 0;
  for (const day of all) {
    if (stored.has(day)) continue;
    await dayCounts(day, day, now);
    counted++;
  }
  return counted;
}

/** Forgets the stored counts of these moments' days (a villager's turns were erased): counted again when asked. */
export async function forgetDaysOf(moments: Date[]): Promise<void> {
  const days = [...new Set(moments.map((m) => dayKey(m)))];
  if (days.length) await ReportDayModel.deleteMany({ _id: { $in: days } });
}
