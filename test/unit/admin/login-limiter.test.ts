import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../src/admin/login-limiter.js';

describe('LoginLimiter', () => {
  it('locks an IP+username pair after 5 failures for 15 minutes, then lets it try again', () => {
    const l = new LoginLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) l.fail('1.2.3.4', 'alice', t0);
    expect(l.lockedUntil('1.2.3.4', 'alice', t0)).toBeUndefined();
    l.fail('1.2.3.4', 'alice', t0);
    expect(l.lockedUntil('1.2.3.4', 'alice', t0)?.getTime()).toBe(t0 + 15 * 60_000);
    expect(l.lockedUntil('5.6.7.8', 'alice', t0)).toBeUndefined();
    expect(l.lockedUntil('1.2.3.4', 'bob', t0)).toBeUndefined();
    const later = t0 + 15 * 60_000 + 1;
    expect(l.lockedUntil('1.2.3.4', 'alice', later)).toBeUndefined();
    l.fail('1.2.3.4', 'alice', later); // a fresh count after the lock expired
    expect(l.lockedUntil('1.2.3.4', 'alice', later)).toBeUndefined();
  });

  it('a success clears the count', () => {
    const l = new LoginLimiter(2);
    l.fail('ip', 'u');
    l.succeed('ip', 'u');
    l.fail('ip', 'u');
    expect(l.lockedUntil('ip', 'u')).toBeUndefined();
  });

  it('stays bounded under a flood of names', () => {
    const l = new LoginLimiter(5, 60_000, 100);
    for (let i = 0; i < 1000; i++) l.fail('ip', `user${i}`);
    expect((l as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(100);
  });
});
