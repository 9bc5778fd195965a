import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignatureError } from '../../core/errors.js';

/**
 * WXBizMsgCrypt, the scheme shared by the Official Account, WeCom and the open platform.
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
 */

/** WeChat pads to 32 bytes, not AES's 16: Node's auto-padding would throw on pads 17..32. */
const BLOCK = 32;
const RANDOM_BYTES = 16;
const LEN_BYTES = 4;

/** sha1 hex over the strings sorted lexicographically and joined with no separator. */
export function sha1Signature(...parts: string[]): string {
  const joined = [...parts].sort().join('');
  return createHash('sha1').update(joined, 'utf8').digest('hex');
}

/** Constant-time comparison of two signatures (hex strings). */
export function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The 43-character EncodingAESKey plus "=" is base64 for the 32-byte AES key. */
export function decodeAesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new SignatureError('EncodingAESKey must be 43 base64 characters');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new SignatureError('EncodingAESKey does not decode to 32 bytes');
  return key;
}

export interface Decrypted {
  /** the inner message (XML for the OA), verbatim: never trim it, it contains newlines */
  message: string;
  /** AppID for the OA, CorpID for WeCom */
  receiveId: string;
  random: Buffer;
  padLen: number;
  /** byte length of `message` as declared in the plaintext */
  msgLen: number;
}

/** Decrypts an `<Encrypt>` value; checks padding, bounds and (when given) the receiveId. */
export function decryptMessage(key: Buffer, encrypted: string, expectedReceiveId?: string): Decrypted {
  const cipherText = Buffer.from(encrypted, 'base64');
  if (cipherText.length === 0 || cipherText.length % 16 !== 0) {
    throw new SignatureError('ciphertext length is not a positive multiple of 16');
  }
  const plain = aesCbc('decrypt', key, cipherText);
  const padLen = plain[plain.length - 1] ?? 0;
  if (padLen < 1 || padLen > BLOCK || padLen > plain.length) throw new SignatureError(`bad padding ${padLen}`);
  for (let i = plain.length - padLen; i < plain.length; i++) {
    if (plain[i] !== padLen) throw new SignatureError('inconsistent padding bytes');
  }
  const body = plain.subarray(0, plain.length - padLen);
  if (body.length < RANDOM_BYTES + LEN_BYTES) throw new SignatureError('plaintext too short');
  const msgLen = body.readUInt32BE(RANDOM_BYTES);
  const msgStart = RANDOM_BYTES + LEN_BYTES;
  if (msgStart + msgLen > body.length) throw new SignatureError(`msg_len ${msgLen} exceeds plaintext`);
  const message = body.subarray(msgStart, msgStart + msgLen).toString('utf8');
  const receiveId = body.subarray(msgStart + msgLen).toString('utf8');
  if (expectedReceiveId !== undefined && receiveId !== expectedReceiveId) {
    throw new SignatureError('receiveId does not match this account');
  }
  return { message, receiveId, random: body.subarray(0, RANDOM_BYTES), padLen, msgLen };
}

/**
 * Encrypts `message` for `receiveId`. `random` (16 bytes) is injectable so published
 * fixed-random vectors can be reproduced; production leaves it to crypto.randomBytes.
 */
export function encryptMessage(key: Buffer, message: string, receiveId: string, random: Buffer = randomBytes(RANDOM_BYTES)): string {
  if (random.length !== RANDOM_BYTES) throw new RangeError('random must be 16 bytes');
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(LEN_BYTES);
  len.writeUInt32BE(msg.length); // a byte count, not a JS string length
  const body = Buffer.concat([random, len, msg, Buffer.from(receiveId, 'utf8')]);
  const padLen = BLOCK - (body.length % BLOCK);
  const padded = Buffer.concat([body, Buffer.alloc(padLen, padLen)]);
  return aesCbc('encrypt', key, padded).toString('base64');
}

function aesCbc(direction: 'encrypt' | 'decrypt', key: Buffer, data: Buffer): Buffer {
  const iv = key.subarray(0, 16);
  const cipher = direction === 'encrypt' ? createCipheriv('aes-256-cbc', key, iv) : createDecipheriv('aes-256-cbc', key, iv);
  cipher.setAutoPadding(false);
  try {
    return Buffer.concat([cipher.update(data), cipher.final()]);
  } catch (err) {
    throw new SignatureError(`AES ${direction} failed`, { cause: err });
  }
}

/** msg_signature for an encrypted body or reply: sha1(sort(token, timestamp, nonce, Encrypt)). */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return sha1Signature(token, timestamp, nonce, encrypted);
}
