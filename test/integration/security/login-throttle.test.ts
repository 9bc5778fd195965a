import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserStore } from '../../../src/answers/store/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';

/**
 * Issue 13, finding 2: X-Forwarded-For is not believed unless TRUST_PROXY says so; guesses from
 * invented addresses cannot lock the real admin out (a browser that logged in before still gets in
 * with the right password); a flood of unknown usernames is capped in password checks per second.
 */
useTestDatabase('throttle');

const PASSWORD = 'the-real-admin-password';
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: PASSWORD, LOGIN_CHECKS_PER_SECOND: '3' }); });
afterAll(async () => { await bot.close(); });

async function login(username: string, password: string, headers: Record<string, string> = {}): Promise<{ status: number; code?: string; cookies: string[] }> {
  const res = await fetch(`${bot.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code, cookies: res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '') };
}

describe('finding 2: login throttling', () => {
  let browserCookie = '';

  it('the real admin logs in once from their browser (it is remembered)', async () => {
    const r = await login('admin', PASSWORD);
    expect(r.status).toBe(200);
    browserCookie = r.cookies.find((c) => c.startsWith('nl_admin_device=')) ?? '';
    expect(browserCookie).toMatch(/^nl_admin_device=[0-9a-f]{64}$/);
  });

  it('wrong passwords from ten invented X-Forwarded-For addresses count against the real source', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 400)); // under the global cap: this test is about the per-source delay
      statuses.push((await login('admin', `guess-${i}`, { 'X-Forwarded-For': `203.0.113.${i + 1}` })).status);
    }
    // the fifth failure starts the delay; every later guess is refused before its password is checked
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4).every((s) => s === 429)).toBe(true);
  });

  it('the guesser’s source is held back, but the right password from the known browser (same address) logs in', async () => {
    const stranger = await login('admin', PASSWORD);
    expect(stranger.status).toBe(429);
    const known = await login('admin', PASSWORD, { cookie: browserCookie });
    expect(known.status).toBe(200);
  });

  it('the account’s own lock (failures from anywhere) is soft: a known browser with the right password passes it', async () => {
    const users = new UserStore({ maxFailures: 10 });
    await users.create('erin', 'erin-password-1', ['editor']);
    for (let i = 0; i < 10; i++) await users.verify('erin', `wrong-${i}`);
    expect(await users.verify('erin', 'erin-password-1')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await users.verify('erin', 'erin-password-1', { knownDevice: true })).toMatchObject({ ok: true });
  });

  it('a flood of unknown usernames gets at most the per-second budget of password checks', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // a full bucket
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(`nobody-${i}`, 'whatever-password', { 'X-Forwarded-For': `198.51.100.${i}` })));
    const checked = results.filter((r) => r.status === 401).length;
    const busy = results.filter((r) => r.code === 'busy').length;
    // a full bucket (4) plus what refills while a login may wait for its turn (1.5 s at 4/s), nothing more
    expect(checked).toBeLessThanOrEqual(11);
    expect(checked + busy).toBe(30);
    expect(busy).toBeGreaterThanOrEqual(19);
  });
});
// TRUST_PROXY's address rules: test/unit/http/trust-proxy.test.ts
