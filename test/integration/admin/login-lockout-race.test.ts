import { describe, expect, it } from 'vitest';
import { UserStore } from '../../../src/answers/store/index.js';
import { LoginFailureModel } from '../../../src/answers/store/user.model.js';
import { useTestDatabase } from '../../helpers/db.js';

useTestDatabase('lockrace');

describe('login lockout under parallel guessing', () => {
  it('20 concurrent wrong passwords lock the account: the right password is then refused', async () => {
    const users = new UserStore({ maxFailures: 10 });
    await users.create('grace', 'grace-password-1', ['editor']);
    const results = await Promise.all(Array.from({ length: 20 }, () => users.verify('grace', 'guess-wrong')));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.some((r) => !r.ok && r.reason === 'locked')).toBe(true);
    expect((await users.get('grace'))?.lockedUntil).toBeInstanceOf(Date);
    expect(await users.verify('grace', 'grace-password-1')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('failures are rows; a success clears them, and failures older than the window do not count', async () => {
    let now = new Date('2026-03-09T08:00:00+08:00');
    const users = new UserStore({ maxFailures: 3, failureWindowMs: 60_000, now: () => now });
    await users.create('henry', 'henry-password-1', ['editor']);
    await Promise.all([users.verify('henry', 'x1'), users.verify('henry', 'x2')]);
    expect(await LoginFailureModel.countDocuments({ username: 'henry' })).toBe(2);
    expect((await users.verify('henry', 'henry-password-1')).ok).toBe(true);
    expect(await LoginFailureModel.countDocuments({ username: 'henry' })).toBe(0);
    await users.verify('henry', 'x3');
    await users.verify('henry', 'x4');
    now = new Date(now.getTime() + 2 * 60_000); // the two above fall out of the window
    expect(await users.verify('henry', 'x5')).toEqual({ ok: false, reason: 'bad_credentials' });
    expect((await users.verify('henry', 'henry-password-1')).ok).toBe(true);
  });
});
