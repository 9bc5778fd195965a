import type { Model, QueryFilter } from 'mongoose';

const DAY_MS = 24 * 60 * 60_000;
/** widening windows, in days back from now, tried in turn */
const WINDOWS_DAYS = [7, 31, 366];
/**
 * The last window's start. Dates from 2001-09-09 on have 13-digit millisecond values, which the
 * embedded FerretDB answers from an index (db/patches/ferretdb/0002); every timestamp this bot
 * writes is later than that.
 */
const EARLIEST = new Date(1_000_000_000_000);

/**
 * The newest `limit` documents by `field` (a timestamp the server sets when it writes the
 * document, indexed): the first page of an admin list.
 *
 * `find(filter).sort({ field: -1 }).limit(n)` reads and sorts the whole collection on the embedded
 * FerretDB (sort and limit are not pushed down). A closed date range is, so this asks for the
 * last 7 days, then 31, then a year, then everything since 2001, and stops at the first window that
 * holds `limit` documents: the same page, from an index, while the collection grows for years.
 * Timestamps later than a day from now are not expected (they are server clock readings).
 */
export async function newestFirst<T>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any model's documents
  filter: QueryFilter<unknown>,
  opts: { field: string; limit: number; now: Date; projection?: Record<string, 0 | 1> },
): Promise<T[]> {
  const until = new Date(opts.now.getTime() + DAY_MS);
  const starts = [...WINDOWS_DAYS.map((d) => new Date(opts.now.getTime() - d * DAY_MS)), EARLIEST];
  let rows: T[] = [];
  for (const from of starts) {
    const range = { $gte: from, $lte: until };
    const windowed = opts.field in filter ? { $and: [filter, { [opts.field]: range }] } : { ...filter, [opts.field]: range };
    rows = await model.find(windowed, opts.projection).sort({ [opts.field]: -1, _id: -1 }).limit(opts.limit).lean<T[]>();
    if (rows.length >= opts.limit) break;
  }
  return rows;
}
