import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from '../../../src/http/trust-proxy.js';

describe('TRUST_PROXY (issue 13, finding 2)', () => {
  it('off: the socket address is the client, whatever X-Forwarded-For says', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', parseTrustProxy('false'))).toBe('127.0.0.1');
  });
  it('a hop count takes the address that many proxies back', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7, 203.0.113.9', parseTrustProxy('1'))).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '198.51.100.7, 203.0.113.9', parseTrustProxy('2'))).toBe('198.51.100.7');
  });
  it('an address list skips only the trusted proxies, so a forged left-most entry is ignored', () => {
    const trust = parseTrustProxy('10.0.0.0/8, ::1');
    expect(clientAddress('::ffff:10.0.0.2', '1.1.1.1, 203.0.113.9, 10.0.0.5', trust)).toBe('203.0.113.9');
    expect(clientAddress('198.51.100.1', '1.1.1.1', trust)).toBe('198.51.100.1'); // not from a trusted proxy
  });
});
