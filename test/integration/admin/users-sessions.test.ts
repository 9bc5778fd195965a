import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { createAdminRouter } from '../../../src/admin/router.js';
import { SessionStore, TemplateStore, UserStore } from '../../../src/answers/store/index.js';
import { SessionModel, UserModel } from '../../../src/answers/store/user.model.js';
import { silentLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/db.js';
import { ApiClient, validateTest } from './harness.js';

useTestDatabase('adminusers');

describe('users and sessions', () => {
  it('creates the first admin from ADMIN_PASSWORD once, with a scrypt hash', async () => {
    const users = new UserStore();
    expect(await users.ensureBootstrapAdmin('admin', undefined)).toBe('no_password');
    expect(await users.ensureBootstrapAdmin('admin', 'first-admin-pass')).toBe('created');
    expect(await users.ensureBootstrapAdmin('admin', 'another-password')).toBe('exists');
    const row = await UserModel.findOne({ username: 'admin' }).lean();
    expect(row?.roles).toEqual(['admin']);
    expect(row?.passwordHash).toMatch(/^scrypt\$/);
    expect(row?.passwordHash).not.toContain('first-admin-pass');
    expect((await users.verify('admin', 'first-admin-pass')).ok).toBe(true);
  });

  it('locks the account itself after repeated failures from anywhere', async () => {
    const users = new UserStore({ maxFailures: 3 });
    await users.create('frank', 'frank-password-1', ['editor']);
    for (let i = 0; i < 2; i++) expect(await users.verify('frank', 'nope')).toEqual({ ok: false, reason: 'bad_credentials' });
    expect(await users.verify('frank', 'nope')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await users.verify('frank', 'frank-password-1')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await users.verify('nobody', 'x')).toEqual({ ok: false, reason: 'bad_credentials' });
  });

  it('stores only a hash of the session id; expired sessions are refused and swept', async () => {
    const sessions = new SessionStore();
    const s = await sessions.create('admin');
    const rows = await SessionModel.find({ username: 'admin' }).lean();
    expect(rows.map((r) => r.idHash)).not.toContain(s.token);
    expect(await sessions.get(s.token)).toMatchObject({ username: 'admin', csrfToken: s.csrfToken });
    const expired = new SessionStore(-1000);
    const old = await expired.create('admin');
    await expired.create('admin');
    expect(await sessions.get(old.token)).toBeUndefined();
    expect(await sessions.sweepExpired()).toBe(1); // the other expired one; get() deleted the first
    expect(await sessions.get(s.token)).toBeDefined();
  });

  it('marks cookies Secure behind https, and a role change ends the user\'s sessions', async () => {
    const users = new UserStore();
    await users.create('gina', 'gina-password-1', ['editor']);
    const router = createAdminRouter({ store: new TemplateStore({ validate: validateTest }), users, logger: silentLogger, secureCookies: true });
    const app = new Koa().use(router.routes());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const gina = new ApiClient(base);
      const r = await gina.login('gina', 'gina-password-1');
      expect(r.headers.get('set-cookie')).toMatch(/; Secure$/);
      const admin = new ApiClient(base);
      await admin.login('admin', 'first-admin-pass');
      const changed = await admin.call('POST', '/api/admin/users/gina/roles', { roles: ['reviewer'] });
      expect(changed.body).toMatchObject({ roles: ['reviewer'] });
      expect((await gina.call('GET', '/api/admin/me')).status).toBe(401);
      const page = await fetch(`${base}/admin`);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('管理后台');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
