import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SignatureError } from '../../../../src/core/errors.js';
import {
  decodeAesKey,
  decryptMessage,
  encryptMessage,
  msgSignature,
  sha1Signature,
  signaturesMatch,
} from '../../../../src/channels/wechat-official/crypto.js';
import { sealReply } from '../../../../src/channels/wechat-official/encode.js';

interface DecryptVector {
  id: string;
  token: string;
  encodingAESKey: string;
  receiveId: string;
  timestamp: string;
  nonce: string;
  msgSignature: string;
  encrypt: string;
  negative?: { nonce: string };
  expected: { plaintext: string; receiveId: string; padLen: number; msgLen: number };
}
interface EncryptVector {
  id: string;
  token?: string;
  encodingAESKey: string;
  receiveId: string;
  random: string;
  plaintext: string;
  expectedEncrypt: string;
  timestamp?: string;
  nonce?: string;
  expectedMsgSignature?: string;
  expectedReplyXml?: string;
}
interface PlainVector {
  id: string;
  token: string;
  timestamp: string;
  nonce: string;
  expectedSignature: string;
}
const vectors = JSON.parse(readFileSync(new URL('../../../fixtures/wechat/vectors.json', import.meta.url), 'utf8')) as {
  wx_decrypt: DecryptVector[];
  wx_encrypt_fixed_random: EncryptVector[];
  wx_plain_signature: PlainVector[];
};

describe('plain signature (token, timestamp, nonce)', () => {
  it.each(vectors.wx_plain_signature)('$id', (v) => {
    expect(sha1Signature(v.token, v.timestamp, v.nonce)).toBe(v.expectedSignature);
  });

  it('sorts as strings, not numbers ("10" before "9")', () => {
    const expected = createHash('sha1').update('109a').digest('hex');
    expect(sha1Signature('9', 'a', '10')).toBe(expected);
  });
});

describe.each(vectors.wx_decrypt)('decrypt $id', (v) => {
  const key = decodeAesKey(v.encodingAESKey);

  it('msg_signature covers token, timestamp, nonce and Encrypt', () => {
    expect(msgSignature(v.token, v.timestamp, v.nonce, v.encrypt)).toBe(v.msgSignature);
  });

  it('decrypts to the published plaintext, byte for byte', () => {
    const d = decryptMessage(key, v.encrypt, v.receiveId);
    expect(d.message).toBe(v.expected.plaintext);
    expect(d.receiveId).toBe(v.expected.receiveId);
    expect(d.padLen).toBe(v.expected.padLen);
    expect(d.msgLen).toBe(v.expected.msgLen);
  });

  it('refuses a different receiveId', () => {
    expect(() => decryptMessage(key, v.encrypt, 'wx0000000000000000')).toThrow(SignatureError);
  });
});

describe('decrypt edge cases', () => {
  const padVectors = vectors.wx_decrypt.map((v) => v.expected.padLen);
  it('the vector set covers pads 1, 30 (> 16) and 22', () => {
    expect(padVectors).toEqual(expect.arrayContaining([1, 22, 30]));
  });

  it('WECHATPY-WORK-VERIFYURL negative: a changed nonce fails the signature', () => {
    const v = vectors.wx_decrypt.find((x) => x.id === 'WECHATPY-WORK-VERIFYURL');
    if (v?.negative === undefined) throw new Error('vector missing');
    const recomputed = msgSignature(v.token, v.timestamp, v.negative.nonce, v.encrypt);
    expect(signaturesMatch(recomputed, v.msgSignature)).toBe(false);
    expect(signaturesMatch(msgSignature(v.token, v.timestamp, v.nonce, v.encrypt), v.msgSignature)).toBe(true);
  });

  it('a wrong key is refused instead of yielding garbage', () => {
    const v = vectors.wx_decrypt[0];
    if (v === undefined) throw new Error('vector missing');
    const wrong = decodeAesKey('A'.repeat(43));
    expect(() => decryptMessage(wrong, v.encrypt)).toThrow(SignatureError);
  });

  it('refuses ciphertext that is not whole AES blocks', () => {
    const key = decodeAesKey('A'.repeat(43));
    expect(() => decryptMessage(key, Buffer.alloc(20).toString('base64'))).toThrow(SignatureError);
    expect(() => decryptMessage(key, '')).toThrow(SignatureError);
  });

  it('refuses an EncodingAESKey that is not 43 base64 characters', () => {
    expect(() => decodeAesKey('short')).toThrow(SignatureError);
  });
});

describe.each(vectors.wx_encrypt_fixed_random)('encrypt $id with fixed random', (v) => {
  const key = decodeAesKey(v.encodingAESKey);
  const random = Buffer.from(v.random, 'utf8');

  it('reproduces the published ciphertext', () => {
    expect(encryptMessage(key, v.plaintext, v.receiveId, random)).toBe(v.expectedEncrypt);
  });

  it('round-trips through decrypt', () => {
    expect(decryptMessage(key, v.expectedEncrypt, v.receiveId).message).toBe(v.plaintext);
  });

});

const signedReplies = vectors.wx_encrypt_fixed_random.filter((v) => v.expectedMsgSignature !== undefined);
describe.each(signedReplies)('encrypted reply $id', (v) => {
  const key = decodeAesKey(v.encodingAESKey);
  const random = Buffer.from(v.random, 'utf8');

  it('signs the reply', () => {
    expect(msgSignature(v.token ?? '', v.timestamp ?? '', v.nonce ?? '', v.expectedEncrypt)).toBe(v.expectedMsgSignature);
  });

  it('builds the reply envelope byte for byte', () => {
    const xml = sealReply(v.plaintext, {
      token: v.token ?? '',
      key,
      receiveId: v.receiveId,
      timestamp: v.timestamp ?? '',
      nonce: v.nonce ?? '',
      random,
    });
    // WX-DOC-AAAAA-REPLY publishes no envelope; WECHATPY-WORK-ENC's shape is the one WeChat's samples use
    const shape = v.expectedReplyXml ?? signedReplies.find((x) => x.expectedReplyXml !== undefined)?.expectedReplyXml ?? '';
    const expected = shape
      .replace(/<Encrypt><!\[CDATA\[[^\]]*\]\]>/, `<Encrypt><![CDATA[${v.expectedEncrypt}]]>`)
      .replace(/<MsgSignature><!\[CDATA\[\w+\]\]>/, `<MsgSignature><![CDATA[${v.expectedMsgSignature ?? ''}]]>`)
      .replace(/<TimeStamp>\d+</, `<TimeStamp>${v.timestamp ?? ''}<`)
      .replace(/<Nonce><!\[CDATA\[\d+\]\]>/, `<Nonce><![CDATA[${v.nonce ?? ''}]]>`);
    expect(xml).toBe(expected);
  });
});

describe('encrypt', () => {
  it('writes msg_len in UTF-8 bytes (WX-OA-JAVA-AES1: 19 bytes, 11 chars)', () => {
    const key = decodeAesKey('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
    const d = decryptMessage(key, encryptMessage(key, '我是中文abcd123', 'wxb11529c136998cb6'), 'wxb11529c136998cb6');
    expect(d.msgLen).toBe(19);
  });

  it('pads a 32-byte-aligned plaintext with a whole block of 32', () => {
    const key = decodeAesKey('A'.repeat(43));
    // 16 random + 4 length + 6 message + 6 receiveId = 32 bytes
    const d = decryptMessage(key, encryptMessage(key, 'abcdef', 'wx1234'), 'wx1234');
    expect(d.padLen).toBe(32);
    expect(d.message).toBe('abcdef');
  });
});
