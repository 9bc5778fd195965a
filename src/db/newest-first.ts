import type { Model, QueryFilter } from 'mongoose';

const DAY_MS = 24 * 60 * 60_000;
/** the first window, in days back from now */
const FIRST_WINDOW_DAYS = 7;
/** past this, the last window (everything since EARLIEST) */
const MAX_WINDOW_DAYS = 400;
/**
 * The last window's start. Dates from 2001-09-09 on have 13-digit millisecond values, which the
 * embedded FerretDB answers from an index (db/patches/ferretdb/0002); every timestamp this bot
 * writes is later than that.
 */
const EARLIEST = new Date(1_000_000_000_000);
/** The first window's end: far enough that a clock set ahead (or a test's) loses no row; a closed range is pushed down. */
const LATEST = new Date(Date.UTC(2100, 0, 1));

/**
 * The newest `limit` documents by `field` (a timestamp the server sets when it writes the
 * document, indexed): the first page of an admin list.
 *
 * `find(filter).sort({ field: -1 }).limit(n)` reads and sorts the whole collection on the embedded
 * FerretDB (sort and limit are not pushed down). A closed date range is, so this asks for the
 * last 7 days and, while fewer than `limit` documents came back, for the days before, as many as
 * the rate seen so far says hold the rest (as many again when none came; at the end everything
 * since 2001): the same page, from an index, reading little more than `limit` documents however many
 * years the collection holds. Rows dated after `now` (a clock set ahead) come first, in the first window.
 */
export async function newestFirst<T>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any model's documents
  filter: QueryFilter<unknown>,
  opts: { field: string; limit: number; now: Date; projection?: Record<string, 0 | 1> },
): Promise<T[]> {
  let upper: { $lte: Date } | { $lt: Date } = { $lte: LATEST };
  let days = FIRST_WINDOW_DAYS;
  const rows: T[] = [];
  for (;;) {
    const from = days > MAX_WINDOW_DAYS ? EARLIEST : new Date(opts.now.getTime() - days * DAY_MS);
    const range = { $gte: from, ...upper };
    const windowed = opts.field in filter ? { $and: [filter, { [opts.field]: range }] } : { ...filter, [opts.field]: range };
    // each window is older than the ones before it, so its rows come after theirs
    rows.push(...await model.find(windowed, opts.projection).sort({ [opts.field]: -1, _id: -1 }).limit(opts.limit - rows.length).lean<T[]>());
    if (rows.length >= opts.limit || from === EARLIEST) break;
    // reach back to where the missing rows should be at the rate seen so far, with a margin (none seen: double)
    const perDay = rows.length / days;
    days += perDay > 0 ? Math.max(1, Math.ceil((1.3 * (opts.limit - rows.length)) / perDay)) : days;
    upper = { $lt: from };
  }
  return rows;
}
