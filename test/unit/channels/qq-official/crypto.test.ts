import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { qqKeys, qqSeed, qqSign, qqValidationResponse, verifyQqSignature } from '../../../../src/channels/qq-official/crypto.js';

type Vector = Record<string, string | undefined>;
const vectors = (JSON.parse(readFileSync(new URL('../../../fixtures/qq/vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;
/** a field reader for one published vector */
function vector(id: string): (field: string) => string {
  const found = vectors.find((v) => v.id === id);
  return (field) => {
    const value = found?.[field];
    if (value === undefined) throw new Error(`vector ${id} has no ${field}`);
    return value;
  };
}

describe('QQ Ed25519 (published vectors)', () => {
  it('derives the seed by repeating the secret to 32 bytes', () => {
    const withSeed = vectors.filter((x) => x.seed !== undefined);
    expect(withSeed.length).toBeGreaterThan(1);
    for (const v of withSeed) expect(qqSeed(v.secret ?? '').toString('utf8')).toBe(v.seed);
  });

  it('QQ-DOC-OP13: signs event_ts + plain_token and answers the validation exactly', () => {
    const v = vector('QQ-DOC-OP13');
    const keys = qqKeys(v('secret'));
    expect(qqSign(keys, v('signedMessage'))).toBe(v('expectedSignature'));
    const body = JSON.parse(v('requestBody')) as { d: { plain_token: string; event_ts: string } };
    expect(JSON.stringify(qqValidationResponse(keys, body.d.plain_token, body.d.event_ts))).toBe(v('expectedResponse'));
  });

  it('QQ-DOC-SIGN: verifies only over the exact pretty-printed raw body', () => {
    const v = vector('QQ-DOC-SIGN');
    const keys = qqKeys(v('secret'));
    const rawPub = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
    expect(rawPub).toBe(v('publicKeyHex'));
    expect(verifyQqSignature(keys, v('timestamp'), Buffer.from(v('bodyBytesThatVerify')), v('expectedSignature'))).toBe(true);
    expect(verifyQqSignature(keys, v('timestamp'), Buffer.from(v('bodyAsDisplayedInDoc')), v('expectedSignature'))).toBe(false);
  });

  it('QQ-BOTGO-TEST: signs the UTF-8 bytes of a non-ASCII body', () => {
    const v = vector('QQ-BOTGO-TEST');
    const keys = qqKeys(v('secret'));
    expect(verifyQqSignature(keys, v('timestamp'), Buffer.from(v('body'), 'utf8'), v('expectedSignature'))).toBe(true);
    expect(qqSign(keys, Buffer.concat([Buffer.from(v('timestamp')), Buffer.from(v('body'), 'utf8')]))).toBe(v('expectedSignature'));
  });

  it('rejects a wrong timestamp, a wrong key, malformed hex and a high last byte', () => {
    const v = vector('QQ-BOTGO-TEST');
    const keys = qqKeys(v('secret'));
    const body = Buffer.from(v('body'), 'utf8');
    expect(verifyQqSignature(keys, '1728981196', body, v('expectedSignature'))).toBe(false);
    expect(verifyQqSignature(qqKeys('another-secret'), v('timestamp'), body, v('expectedSignature'))).toBe(false);
    expect(verifyQqSignature(keys, v('timestamp'), body, 'zz')).toBe(false);
    expect(verifyQqSignature(keys, v('timestamp'), body, `${v('expectedSignature').slice(0, 126)}ff`)).toBe(false);
    expect(verifyQqSignature(keys, '', body, v('expectedSignature'))).toBe(false);
  });
});
