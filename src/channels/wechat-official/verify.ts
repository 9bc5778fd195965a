import { HttpError } from '../../core/errors.js';
import { msgSignature, sha1Signature, signaturesMatch } from './crypto.js';
import type { WechatQuery } from './types.js';

/**
 * Checks on the query string WeChat signs. All failures are 401 (the sender could not prove it
 * is WeChat, or is replaying an old request); the body is not read before they pass.
 */

/** WeChat does not document a freshness window; ±5 minutes tolerates clock drift and its retries. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

type QueryValue = string | string[] | undefined;

/** Picks the WeChat parameters from a parsed query; repeated parameters count as absent. */
export function readQuery(query: Record<string, QueryValue>): WechatQuery {
  const one = (v: QueryValue): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    signature: one(query.signature),
    timestamp: one(query.timestamp),
    nonce: one(query.nonce),
    echostr: one(query.echostr),
    openid: one(query.openid),
    encrypt_type: one(query.encrypt_type),
    msg_signature: one(query.msg_signature),
  };
}

export interface SignedQuery {
  timestamp: string;
  nonce: string;
}

/** Verifies `signature` = sha1(sort(token, timestamp, nonce)) and the timestamp's freshness. */
export function verifyPlainSignature(q: WechatQuery, token: string, nowMs: number): SignedQuery {
  const { signature, timestamp, nonce } = q;
  if (signature === undefined || timestamp === undefined || nonce === undefined) {
    throw new HttpError(401, 'missing signature parameters');
  }
  if (!signaturesMatch(sha1Signature(token, timestamp, nonce), signature)) {
    throw new HttpError(401, 'bad signature');
  }
  checkFreshness(timestamp, nowMs);
  return { timestamp, nonce };
}

/** Verifies `msg_signature` = sha1(sort(token, timestamp, nonce, Encrypt)). */
export function verifyMsgSignature(q: WechatQuery, token: string, encrypted: string): void {
  const { msg_signature: given, timestamp, nonce } = q;
  if (given === undefined || timestamp === undefined || nonce === undefined) {
    throw new HttpError(401, 'missing msg_signature');
  }
  if (!signaturesMatch(msgSignature(token, timestamp, nonce, encrypted), given)) {
    throw new HttpError(401, 'bad msg_signature');
  }
}

function checkFreshness(timestamp: string, nowMs: number): void {
  if (!/^\d{1,12}$/.test(timestamp)) throw new HttpError(401, 'bad timestamp');
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS) throw new HttpError(401, 'stale timestamp');
}
