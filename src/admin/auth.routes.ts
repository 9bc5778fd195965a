import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { DeviceStore, SessionStore, UserStore } from '../answers/store/index.js';
import { identity, requireLogin, SESSION_COOKIE } from './auth.js';
import { adminError, type AdminApiError, readCookie, readJson, setSessionCookie, stringField } from './http.js';
import { beijingMinute } from './format.js';
import { adminTexts } from './texts.js';
import type { LoginLimiter, PasswordCheckGate } from './login-limiter.js';

export interface AuthDeps {
  users: UserStore;
  sessions: SessionStore;
  limiter: LoginLimiter;
  /** the global cap on password checks per second */
  checks: PasswordCheckGate;
  devices: DeviceStore;
  logger: Logger;
  secureCookies: boolean;
  sessionTtlSeconds: number;
}

/** a browser that logged in before: its correct password is never throttled (see login-limiter.ts) */
export const DEVICE_COOKIE = 'nl_admin_device';
const DEVICE_MAX_AGE_SECONDS = 365 * 86400;

function locked(until: Date): AdminApiError {
  return adminError(429, 'locked', 'locked', { until: beijingMinute(until) }, { lockedUntil: until.toISOString() });
}

function tooBusy(ctx: Context): AdminApiError {
  ctx.set('Retry-After', '1');
  return adminError(429, 'busy');
}

async function login(ctx: Context, d: AuthDeps): Promise<void> {
  const body = await readJson(ctx);
  const username = stringField(body, 'username');
  const password = stringField(body, 'password');
  const deviceToken = readCookie(ctx, DEVICE_COOKIE);
  const knownDevice = await d.devices.isKnown(deviceToken, username);
  const limitedUntil = knownDevice ? undefined : d.limiter.retryAt(ctx.ip, username);
  if (limitedUntil) throw locked(limitedUntil);
  if (!(await d.checks.acquire(knownDevice))) throw tooBusy(ctx);
  const result = await d.users.verify(username, password, { knownDevice });
  if (!result.ok) {
    d.limiter.fail(ctx.ip, username);
    d.logger.warn({ username, ip: ctx.ip, reason: result.reason, knownDevice }, 'admin login failed');
    if (result.reason === 'locked') throw locked(result.lockedUntil);
    if (result.reason === 'disabled') throw adminError(403, 'disabled');
    const nowLimited = d.limiter.retryAt(ctx.ip, username);
    if (nowLimited && !knownDevice) throw locked(nowLimited);
    throw adminError(401, 'bad_credentials');
  }
  d.limiter.succeed(ctx.ip, username);
  const session = await d.sessions.create(username);
  setSessionCookie(ctx, SESSION_COOKIE, session.token, { secure: d.secureCookies, maxAgeSeconds: d.sessionTtlSeconds });
  const device = await d.devices.remember(deviceToken, username);
  setSessionCookie(ctx, DEVICE_COOKIE, device, { secure: d.secureCookies, maxAgeSeconds: DEVICE_MAX_AGE_SECONDS });
  d.logger.info({ username, ip: ctx.ip, knownDevice }, 'admin login');
  ctx.body = { username, displayName: result.user.displayName ?? null, roles: result.user.roles, csrfToken: session.csrfToken };
}

/** /api/admin/login, /logout, /me. */
export function registerAuthRoutes(router: Router, d: AuthDeps): void {
  const loggedIn = requireLogin(d.users, d.sessions);
  router.post('/api/admin/login', (ctx) => login(ctx, d));
  router.post('/api/admin/logout', loggedIn, async (ctx) => {
    const id = identity(ctx);
    await d.sessions.destroy(id.token);
    setSessionCookie(ctx, SESSION_COOKIE, '', { secure: d.secureCookies, maxAgeSeconds: 0 });
    ctx.body = { ok: true };
  });
  router.get('/api/admin/me', loggedIn, (ctx) => {
    const id = identity(ctx);
    const texts = adminTexts();
    ctx.body = {
      username: id.username, displayName: id.displayName ?? null, roles: id.roles, roleLabels: id.roles.map((r) => texts.label('role', r)),
      staffId: id.staffId ?? null, csrfToken: id.csrfToken,
    };
  });
}
