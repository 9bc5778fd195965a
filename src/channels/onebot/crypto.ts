import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha1=` + lowercase hex HMAC-SHA1(secret, raw body) — the X-Signature header (onebot-11 http-post). */
export function oneBotSignature(secret: string, rawBody: Buffer | string): string {
  return `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}`;
}

function equalConstantTime(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // length is not secret (a fixed 45 chars for a good signature); compare bytes in constant time
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Checks X-Signature over the RAW body bytes, never over re-serialised JSON. */
export function verifyOneBotSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  return equalConstantTime(oneBotSignature(secret, rawBody), header.trim().toLowerCase());
}

/**
 * Checks `Authorization: Bearer <token>`. An empty or missing configured token accepts nobody:
 * NapCat sends `Bearer ` when its token is empty, and that must not open the door.
 */
export function bearerMatches(configured: string | undefined, authorization: string | undefined): boolean {
  if (!configured) return false;
  const match = /^Bearer (.*)$/i.exec(authorization?.trim() ?? '');
  const presented = match?.[1]?.trim() ?? '';
  if (presented.length === 0) return false;
  return equalConstantTime(presented, configured);
}
