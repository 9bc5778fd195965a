import { createHash } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../../core/db-errors.js';

/**
 * Signed queries already seen (issue 13, finding 3): `_id` = timestamp:nonce of a WeChat push,
 * kept for the signature's freshness window. A unique insert is the only write FerretDB makes
 * atomic, so several instances agree on who saw a query first. Expired rows are swept lazily.
 */
const nonceSchema = new Schema(
  {
    _id: { type: String, required: true },
    bodyHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'wechat_nonces', versionKey: false },
);
nonceSchema.index({ expiresAt: 1 });
export const WechatNonceModel = mongoose.model('WechatNonce', nonceSchema);

/** fresh: never seen; retry: the same query with the same body (WeChat's redelivery); conflict: a replay with another body */
export type NonceVerdict = 'fresh' | 'retry' | 'conflict';
export type ReplayGuard = (timestamp: string, nonce: string, body: string) => Promise<NonceVerdict>;

const SWEEP_EVERY_MS = 60_000;
/** how long a push waits for the database's verdict before this instance's memory decides (the DB is down or hung) */
const DB_VERDICT_MS = 1000;
const LOCAL_LIMIT = 20_000;

interface Seen { bodyHash: string; expiresAt: number }

/** This instance's memory of signed queries: the verdict while the database cannot give one. */
function localGuard(): (id: string, bodyHash: string, at: number, ttlMs: number) => NonceVerdict {
  const seen = new Map<string, Seen>();
  return (id, bodyHash, at, ttlMs) => {
    if (seen.size > LOCAL_LIMIT) for (const [k, v] of seen) if (v.expiresAt < at) seen.delete(k);
    const known = seen.get(id);
    if (known && known.expiresAt >= at) return known.bodyHash === bodyHash ? 'retry' : 'conflict';
    seen.set(id, { bodyHash, expiresAt: at + ttlMs });
    return 'fresh';
  };
}

async function databaseVerdict(_id: string, bodyHash: string, expiresAt: Date): Promise<NonceVerdict> {
  try {
    // the driver's insert: the three values are already in the schema's types (mongoose's document
    // machinery was a visible share of a turn's CPU under load)
    await WechatNonceModel.collection.insertOne({ _id: _id as never, bodyHash, expiresAt });
    return 'fresh';
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const seen = await WechatNonceModel.findById(_id, { bodyHash: 1 }).lean();
  return seen?.bodyHash === bodyHash ? 'retry' : 'conflict';
}

/**
 * The database-backed guard; `ttlMs` must cover the whole timestamp window (both sides of now).
 * While the database is down or hung, this instance's memory decides, so villagers' messages still
 * get through during an outage (they are spooled) and a replay to this instance is still refused.
 */
export function createNonceGuard(ttlMs: number, now: () => number = Date.now): ReplayGuard {
  let lastSweep = 0;
  const local = localGuard();
  return async (timestamp, nonce, body) => {
    const at = now();
    if (at - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = at;
      // best effort: a failed sweep leaves rows that the next one removes
      void WechatNonceModel.deleteMany({ expiresAt: { $lt: new Date(at) } }).catch(() => undefined);
    }
    const _id = `${timestamp}:${nonce}`;
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const mine = local(_id, bodyHash, at, ttlMs);
    if (mine === 'conflict') return mine;
    const fromDb = databaseVerdict(_id, bodyHash, new Date(at + ttlMs));
    fromDb.catch(() => undefined); // settled late (after a timeout) or failed: memory already answered
    const timeout = new Promise<undefined>((r) => { setTimeout(() => r(undefined), DB_VERDICT_MS).unref(); });
    try {
      return (await Promise.race([fromDb, timeout])) ?? mine;
    } catch {
      return mine; // the database is unreachable: this instance's memory decides
    }
  };
}
