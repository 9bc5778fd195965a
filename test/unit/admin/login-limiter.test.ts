import { describe, expect, it } from 'vitest';
import { LoginLimiter, PasswordCheckGate } from '../../../src/admin/login-limiter.js';

describe('LoginLimiter', () => {
  it('delays an IP+username pair progressively after 5 failures; other pairs are untouched', () => {
    const l = new LoginLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) l.fail('1.2.3.4', 'alice', t0);
    expect(l.retryAt('1.2.3.4', 'alice', t0)).toBeUndefined();
    l.fail('1.2.3.4', 'alice', t0);
    expect(l.retryAt('1.2.3.4', 'alice', t0)?.getTime()).toBe(t0 + 30_000);
    expect(l.retryAt('5.6.7.8', 'alice', t0)).toBeUndefined();
    expect(l.retryAt('1.2.3.4', 'bob', t0)).toBeUndefined();
    const t1 = t0 + 30_000;
    expect(l.retryAt('1.2.3.4', 'alice', t1)).toBeUndefined();
    l.fail('1.2.3.4', 'alice', t1); // the sixth failure doubles the wait
    expect(l.retryAt('1.2.3.4', 'alice', t1)?.getTime()).toBe(t1 + 60_000);
    for (let i = 0; i < 10; i++) l.fail('1.2.3.4', 'alice', t1);
    expect(l.retryAt('1.2.3.4', 'alice', t1)?.getTime()).toBe(t1 + 15 * 60_000); // capped
  });

  it('a success clears the pair', () => {
    const l = new LoginLimiter({ freeFailures: 1 });
    l.fail('ip', 'u');
    l.succeed('ip', 'u');
    expect(l.retryAt('ip', 'u')).toBeUndefined();
  });

  it('slows a source that floods invented usernames, for the window', () => {
    const l = new LoginLimiter({ sourceFailures: 30 });
    const t0 = 5_000_000;
    for (let i = 0; i < 30; i++) l.fail('9.9.9.9', `nobody${i}`, t0);
    expect(l.retryAt('9.9.9.9', 'someone-else', t0)?.getTime()).toBe(t0 + 15 * 60_000);
    expect(l.retryAt('8.8.8.8', 'someone-else', t0)).toBeUndefined();
  });

  it('stays bounded under a flood of names', () => {
    const l = new LoginLimiter({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) l.fail('ip', `user${i}`);
    expect((l as unknown as { pairs: Map<string, unknown> }).pairs.size).toBeLessThanOrEqual(100);
  });
});

describe('PasswordCheckGate', () => {
  it('allows perSecond checks a second, with a separate budget for known browsers', () => {
    let now = 0;
    const gate = new PasswordCheckGate(3, () => now);
    const first = Array.from({ length: 10 }, () => gate.tryAcquire(false));
    expect(first.filter(Boolean)).toHaveLength(3);
    expect(gate.tryAcquire(true)).toBe(true); // a known browser still gets in during the flood
    now += 1000;
    expect(Array.from({ length: 10 }, () => gate.tryAcquire(false)).filter(Boolean)).toHaveLength(3);
  });
});
