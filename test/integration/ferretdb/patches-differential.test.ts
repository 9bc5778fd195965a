import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFerretDbBinary } from '../../../src/db/ferretdb-binary.js';
import { random } from '../../../src/nlu/model.js';
import { startFerretDbProcess, type FerretDbProcess } from '../../helpers/ferretdb-process.js';
import { explainFind, fullScans } from '../../helpers/explain.js';

/**
 * The patch set (db/patches/ferretdb) may only make queries faster: the same seeded random
 * documents and queries go to the unpatched and the patched FerretDB, and every result must be
 * identical, BSON types included (Int32, Double and Long are kept apart).
 */

const { Long, Double, Int32, ObjectId, EJSON } = mongoose.mongo.BSON;
type Doc = Record<string, unknown>;

const SEED = 20261205;
const rnd = random(SEED); // mulberry32, so a failure can be replayed
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const OIDS = [new ObjectId('65f0c0ffee0000000000000a'), new ObjectId('65f0c0ffee0000000000000b'), new ObjectId('000000000000000000000001')];
const STRINGS = ['a', 'b', 'A', '', 'a b', '<&>', 'quote"s', 'back\\slash', '中文', 'é', '\u2028', '\u0001', '😀', '65f0c0ffee0000000000000a', '1', 'true', 'null', '[x]'];
const DATES = [
  new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00.001Z'), new Date('2026-06-15T08:00:00Z'),
  new Date('2026-12-31T23:59:59.999Z'), new Date('1990-05-01T00:00:00Z'), new Date('2300-01-01T00:00:00Z'), new Date(0),
];
const NUMBERS = (): unknown[] => [
  new Int32(1), new Double(1), Long.fromNumber(1), new Int32(0), new Double(-0), new Double(1.5), Long.fromString('9007199254740993'),
  new Double(9007199254740992), new Int32(-7), new Double(1e21), new Int32(1764000000000 % 2147483647),
  Long.fromNumber(1767225600000), new Double(1767225600000),
];

function scalar(): unknown {
  switch (Math.floor(rnd() * 7)) {
    case 0: case 1: return pick(STRINGS);
    case 2: return rnd() < 0.5;
    case 3: return pick(NUMBERS());
    case 4: return null;
    case 5: return pick(DATES);
    default: return pick(OIDS);
  }
}

/** A field value: often a scalar, sometimes an array (of scalars and sub-documents), a sub-document or nothing. */
function value(): unknown {
  const r = rnd();
  if (r < 0.15) return undefined;
  // FerretDB refuses nested arrays
  if (r < 0.3) return Array.from({ length: Math.floor(rnd() * 4) }, () => (rnd() < 0.15 ? { b: scalar() } : scalar()));
  if (r < 0.35) return { b: scalar() };
  return scalar();
}

const FIELDS = ['s', 't', 'b', 'n', 'd', 'o', 'u'] as const;
const INDEXES: Record<string, 1 | -1>[] = [{ s: 1 }, { t: 1, n: -1 }, { b: 1, s: 1, o: 1 }, { n: 1 }, { d: -1 }, { o: 1 }, { 'a.b': 1, t: 1 }];

function documents(count: number): Doc[] {
  return Array.from({ length: count }, (_, i) => {
    const doc: Doc = { _id: i % 3 === 0 ? `id${i}` : i % 3 === 1 ? new ObjectId() : new Int32(i) };
    for (const f of FIELDS) {
      const v = value();
      if (v !== undefined) doc[f] = v;
    }
    const a = rnd();
    if (a < 0.3) doc.a = { b: value() ?? null };
    else if (a < 0.5) doc.a = [{ b: scalar() }, { b: scalar() }, scalar()];
    else if (a < 0.6) doc.a = scalar();
    return doc;
  });
}

function predicate(): unknown {
  const r = rnd();
  if (r < 0.4) return scalar();
  if (r < 0.5) return { $eq: scalar() };
  if (r < 0.65) return { $in: Array.from({ length: 1 + Math.floor(rnd() * 3) }, scalar) };
  if (r < 0.7) return null;
  const [x, y] = [pick(DATES), pick(DATES)].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date];
  if (r < 0.9) return { [pick(['$gte', '$gt'])]: x, [pick(['$lte', '$lt'])]: y };
  return { [pick(['$gte', '$gt', '$lte', '$lt'])]: x };
}

function simpleFilter(): Doc {
  const keys = [...FIELDS, 'a.b', 'a', '_id'];
  const f: Doc = { [pick(keys)]: predicate() };
  for (let extra = rnd(); extra < 0.5; extra += 0.25) f[pick(keys)] = predicate();
  return f;
}

function filter(): Doc {
  if (rnd() < 0.15) return { $or: [simpleFilter(), simpleFilter()] };
  return simpleFilter();
}

const SORTS: (Record<string, 1 | -1> | undefined)[] = [undefined, { n: 1, _id: 1 }, { d: -1, _id: 1 }, { s: 1, _id: -1 }, { t: 1, _id: 1 }];

const canonical = (docs: Doc[]): string[] => docs.map((d) => EJSON.stringify(d, { relaxed: false }));

describe('FerretDB patch set: the patched build answers exactly like the unpatched one', () => {
  const servers: FerretDbProcess[] = [];
  const conns: mongoose.Connection[] = [];
  const coll = (i: number) => conns[i]!.db!.collection('diff');

  beforeAll(async () => {
    const cache = path.resolve('.cache');
    const log = (line: string) => console.log(`[ferretdb-build] ${line}`);
    for (const patched of [false, true]) {
      const server = await startFerretDbProcess(ensureFerretDbBinary(cache, log, patched));
      servers.push(server);
      conns.push(await mongoose.createConnection(`${server.uri}diff`).asPromise());
    }
    const docs = documents(300);
    for (let i = 0; i < 2; i++) {
      for (const key of INDEXES) await coll(i).createIndex(key);
      await coll(i).insertMany(docs.map((d) => ({ ...d })));
    }
  }, 900_000);

  afterAll(async () => {
    for (const c of conns) await c.close();
    for (const s of servers) await s.stop();
  });

  it('finds and counts the same documents for 200 random filters, sorts and limits', async () => {
    let pushed = 0;
    for (let q = 0; q < 200; q++) {
      const f = filter();
      const sort = pick(SORTS);
      const limit = sort ? pick([0, 1, 5]) : 0;
      const [plain, patched] = await Promise.all([0, 1].map(async (i) => {
        const docs = await coll(i).find(f, { sort, limit, promoteValues: false }).toArray();
        const count = await coll(i).countDocuments(f);
        return { docs: sort ? canonical(docs) : canonical(docs).sort(), count };
      }));
      const label = `query ${q}: ${EJSON.stringify(f)} sort ${JSON.stringify(sort)} limit ${limit}`;
      expect(patched, label).toEqual(plain);
      if ((await explainFind(conns[1]!, 'diff', f)).filterPushdown) pushed++;
    }
    // the comparison means something only if many of the queries were actually served by SQL
    expect(pushed).toBeGreaterThan(60);
  }, 300_000);

  it('answers the count command alike with and without a query, skip and limit (0005 reads record IDs when nothing is matched)', async () => {
    const variants: Record<string, unknown>[] = [{}, { query: {} }, { skip: 7 }, { limit: 11 }, { skip: 290, limit: 50 }, { query: { s: 'a' } }, { query: filter() }, { query: filter(), skip: 2 }];
    for (const v of variants) {
      const [plain, patched] = await Promise.all(conns.map(async (c) => {
        const res = await c.db!.command({ count: 'diff', ...v });
        return res.n as number;
      }));
      expect(patched, `count ${EJSON.stringify(v)}`).toBe(plain);
    }
    const [plain, patched] = await Promise.all([0, 1].map((i) => coll(i).estimatedDocumentCount()));
    expect(patched).toBe(plain);
    expect(patched).toBeGreaterThan(100);
  });

  it('updates and deletes the same documents', async () => {
    for (let q = 0; q < 60; q++) {
      const f = filter();
      const op = rnd();
      // updateOne takes the first match in natural order, which no server promises: only for one match
      const single = (await coll(0).countDocuments(f)) <= 1;
      await Promise.all([0, 1].map(async (i) => {
        if (op < 0.5) await coll(i).updateMany(f, { $inc: { hits: 1 } });
        else if (op < 0.8 && single) await coll(i).updateOne(f, { $set: { touched: q } });
        else if (op < 0.8) await coll(i).updateMany(f, { $set: { touched: q } });
        else await coll(i).deleteMany(f);
      }));
      const all = await Promise.all([0, 1].map(async (i) => canonical(await coll(i).find({}, { sort: { _id: 1 }, promoteValues: false }).toArray())));
      expect(all[1], `after operation ${q} on ${EJSON.stringify(f)}`).toEqual(all[0]);
    }
  }, 300_000);

  it('serves equality on an indexed field and _id lookups by an index, where the unpatched build scanned', async () => {
    for (const f of [{ _id: 'id3' }, { s: 'a' }, { t: { $in: ['a', 'b'] } }, { o: OIDS[0] }, { b: true }, { d: { $gte: DATES[0], $lt: DATES[3] } }]) {
      expect(fullScans(await explainFind(conns[0]!, 'diff', f)), `unpatched ${EJSON.stringify(f)}`).toEqual(['diff']);
      expect(fullScans(await explainFind(conns[1]!, 'diff', f)), `patched ${EJSON.stringify(f)}`).toEqual([]);
    }
    // a filter the patch cannot serve safely stays a scan (numbers: 1, 1.0 and Long 1 are equal)
    expect(fullScans(await explainFind(conns[1]!, 'diff', { n: 1 }))).toEqual(['diff']);
  });
});
