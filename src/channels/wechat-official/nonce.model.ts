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

/** The database-backed guard; `ttlMs` must cover the whole timestamp window (both sides of now). */
export function createNonceGuard(ttlMs: number, now: () => number = Date.now): ReplayGuard {
  let lastSweep = 0;
  return async (timestamp, nonce, body) => {
    const at = now();
    if (at - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = at;
      // best effort: a failed sweep leaves rows that the next one removes
      void WechatNonceModel.deleteMany({ expiresAt: { $lt: new Date(at) } }).catch(() => undefined);
    }
    const _id = `${timestamp}:${nonce}`;
    const bodyHash = createHash('sha256').update(body).digest('hex');
    try {
      await WechatNonceModel.create({ _id, bodyHash, expiresAt: new Date(at + ttlMs) });
      return 'fresh';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const seen = await WechatNonceModel.findById(_id, { bodyHash: 1 }).lean();
    return seen?.bodyHash === bodyHash ? 'retry' : 'conflict';
  };
}
