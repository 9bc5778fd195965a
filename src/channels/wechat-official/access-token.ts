import { isDuplicateKey } from '../../core/db-errors.js';
import { randomUUID } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';

/**
 * The WeChat access_token, shared by every instance through the database.
 * WeChat's stable_token endpoint is isolated from /cgi-bin/token, so instances no longer revoke
 * each other's tokens; one document per AppID holds the token and its generation, and only the
 * instance that wins the refresh lease calls WeChat. The lease is a unique insert of
 * `<appId>:<generation>`: on the embedded FerretDB (SQLite) two concurrent findOneAndUpdate calls
 * can both win (src/cases/claims.ts), a duplicate _id cannot. A lease older than `leaseMs`
 * (its holder died) is removed and taken over.
 * https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken
 */
const tokenSchema = new Schema(
  {
    _id: { type: String, required: true }, // the AppID
    token: { type: String },
    expiresAt: { type: Date },
    /** bumped on every refresh; the refresh lease key is `<appId>:<generation>` */
    generation: { type: Number, default: 0 },
  },
  { collection: 'wechat_access_tokens', versionKey: false },
);
const leaseSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true }, holder: { type: String } },
  { collection: 'wechat_access_token_leases', versionKey: false },
);

export const WechatAccessTokenModel = mongoose.model('WechatAccessToken', tokenSchema);
export const WechatTokenLeaseModel = mongoose.model('WechatTokenLease', leaseSchema);

/** What the push sender needs: a valid token, and a way to report one WeChat rejected. */
export interface AccessTokenStore {
  get(): Promise<string>;
  /** WeChat said `stale` is invalid or expired (40001/42001): returns a newer token. */
  refresh(stale: string): Promise<string>;
}

/** A WeChat API refusal (with its errcode) or an unreachable API; worth retrying later. */
export class WechatApiError extends Error {
  override name = 'WechatApiError';
  constructor(message: string, readonly errcode?: number, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The access token could not be had (stable_token refused, or another instance's refresh timed out). */
export class WechatTokenError extends WechatApiError {
  override name = 'WechatTokenError';
}

export interface TokenStoreOptions {
  apiBase: string;
  appId: string;
  appSecret: string;
  now?: () => number;
  /** refresh this long before expiry (default 5 min, as the docs advise) */
  refreshEarlyMs?: number;
  /** how long a refresh lease holds before another instance may take over (default 30 s) */
  leaseMs?: number;
  /** how long a waiting instance sleeps between looks at the shared document (default 100 ms) */
  pollMs?: number;
  timeoutMs?: number;
}

interface Cached { token: string; expiresAt: number }
interface Shared { generation: number; cached?: Cached }

/** old leases are kept a while: a slow reader of an old generation must still find its lease taken */
const LEASE_KEEP_MS = 24 * 60 * 60_000;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A database-backed token store for one AppID; create one per process. */
export function createWechatTokenStore(opts: TokenStoreOptions): AccessTokenStore {
  const now = opts.now ?? Date.now;
  const early = opts.refreshEarlyMs ?? 5 * 60_000;
  const leaseMs = opts.leaseMs ?? 30_000;
  const pollMs = opts.pollMs ?? 100;
  const holder = randomUUID();
  let memory: Cached | undefined;
  const fresh = (c: Cached | undefined, stale?: string): c is Cached => c !== undefined && c.token !== stale && c.expiresAt - early > now();

  async function readShared(): Promise<Shared> {
    const doc = await WechatAccessTokenModel.findById(opts.appId).lean();
    const generation = doc?.generation ?? 0;
    if (!doc?.token || !doc.expiresAt) return { generation };
    return { generation, cached: { token: doc.token, expiresAt: doc.expiresAt.getTime() } };
  }

  /** Takes the lease for refreshing generation `gen`; a lease left by a dead holder is taken over. */
  async function claim(gen: number): Promise<boolean> {
    const key = `${opts.appId}:${gen}`;
    const at = new Date(now());
    try {
      await WechatTokenLeaseModel.collection.insertOne({ _id: key as never, at, holder });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // held: by a live refresher (wait), or by one that died (drop its lease; the next look retries)
    await WechatTokenLeaseModel.deleteOne({ _id: key, at: { $lt: new Date(at.getTime() - leaseMs) } });
    return false;
  }

  async function refreshAsHolder(gen: number, stale: string | undefined): Promise<Cached> {
    try {
      let got = await fetchStableToken(opts, false);
      // a token WeChat just rejected but still "valid" by its clock: ask for a new one (≤20/day)
      if (got.token === stale) got = await fetchStableToken(opts, true);
      const cached = { token: got.token, expiresAt: now() + got.expiresInSec * 1000 };
      await WechatAccessTokenModel.updateOne(
        { _id: opts.appId },
        { $set: { token: cached.token, expiresAt: new Date(cached.expiresAt), generation: gen + 1 } },
        { upsert: true },
      );
      await WechatTokenLeaseModel.deleteMany({ _id: { $regex: `^${escapeRegex(opts.appId)}:` }, at: { $lt: new Date(now() - LEASE_KEEP_MS) } });
      return cached;
    } catch (err) {
      // give the lease back so another attempt need not wait for it to lapse
      await WechatTokenLeaseModel.deleteOne({ _id: `${opts.appId}:${gen}`, holder });
      throw err;
    }
  }

  async function obtain(stale: string | undefined): Promise<string> {
    if (fresh(memory, stale)) return memory.token;
    const deadline = now() + leaseMs * 3;
    for (;;) {
      const { generation, cached } = await readShared();
      if (fresh(cached, stale)) return (memory = cached).token;
      if (await claim(generation)) return (memory = await refreshAsHolder(generation, stale)).token;
      if (now() > deadline) throw new WechatTokenError('timed out waiting for another instance to refresh the access token');
      await sleep(pollMs);
    }
  }

  return { get: () => obtain(undefined), refresh: (stale) => obtain(stale) };
}

interface StableToken { token: string; expiresInSec: number }

/** POST /cgi-bin/stable_token; the secret goes in the body, never in a URL or a log line. */
async function fetchStableToken(opts: TokenStoreOptions, forceRefresh: boolean): Promise<StableToken> {
  const res = await fetch(`${opts.apiBase.replace(/\/$/, '')}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret, force_refresh: forceRefresh }),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  if (!res.ok) throw new WechatTokenError(`stable_token answered HTTP ${res.status}`);
  const body = (await res.json()) as { access_token?: unknown; expires_in?: unknown; errcode?: unknown; errmsg?: unknown };
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    const code = typeof body.errcode === 'number' ? body.errcode : undefined;
    throw new WechatTokenError(`stable_token refused: ${String(body.errcode)} ${String(body.errmsg)}`, code);
  }
  const expiresInSec = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 7200;
  return { token: body.access_token, expiresInSec };
}
