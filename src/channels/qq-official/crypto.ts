import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** DER prefix that wraps a raw 32-byte Ed25519 seed as PKCS#8 (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface QqKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The seed is the bot secret repeated until it has 32 bytes, then cut (event-emit.md, botgo). */
export function qqSeed(secret: string): Buffer {
  if (secret.length === 0) throw new RangeError('QQ secret must not be empty');
  let seed = Buffer.from(secret, 'utf8');
  while (seed.length < 32) seed = Buffer.concat([seed, seed]);
  return seed.subarray(0, 32);
}

export function qqKeys(secret: string): QqKeys {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, qqSeed(secret)]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** hex Ed25519 signature of `message` (a string is signed as UTF-8). */
export function qqSign(keys: QqKeys, message: string | Buffer): string {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  return sign(null, bytes, keys.privateKey).toString('hex');
}

/**
 * Checks X-Signature-Ed25519 over X-Signature-Timestamp + the RAW body bytes
 * (never re-serialised JSON: vector QQ-DOC-SIGN only verifies over the exact bytes).
 */
export function verifyQqSignature(keys: QqKeys, timestamp: string, rawBody: Buffer, signatureHex: string): boolean {
  if (timestamp.length === 0 || !/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  const signature = Buffer.from(signatureHex, 'hex');
  // the docs reject a signature whose last byte has any of the top three bits set
  if (((signature[63] ?? 0) & 0xe0) !== 0) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), keys.publicKey, signature);
}

/** Answer to an op 13 callback validation: sign event_ts + plain_token. */
export function qqValidationResponse(keys: QqKeys, plainToken: string, eventTs: string): { plain_token: string; signature: string } {
  return { plain_token: plainToken, signature: qqSign(keys, eventTs + plainToken) };
}
