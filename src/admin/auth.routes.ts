import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { SessionStore, UserStore } from '../answers/store/index.js';
import { identity, requireLogin, SESSION_COOKIE } from './auth.js';
import { adminError, type AdminApiError, readJson, setSessionCookie, stringField } from './http.js';
import { beijingMinute } from './format.js';
import { adminTexts } from './texts.js';
import type { LoginLimiter } from './login-limiter.js';

export interface AuthDeps {
  users: UserStore;
  sessions: SessionStore;
  limiter: LoginLimiter;
  logger: Logger;
  secureCookies: boolean;
  sessionTtlSeconds: number;
}

function locked(until: Date): AdminApiError {
  return adminError(429, 'locked', 'locked', { until: beijingMinute(until) }, { lockedUntil: until.toISOString() });
}

async function login(ctx: Context, d: AuthDeps): Promise<void> {
  const body = await readJson(ctx);
  const username = stringField(body, 'username');
  const password = stringField(body, 'password');
  const limitedUntil = d.limiter.lockedUntil(ctx.ip, username);
  if (limitedUntil) throw locked(limitedUntil);
  const result = await d.users.verify(username, password);
  if (!result.ok) {
    d.limiter.fail(ctx.ip, username);
    d.logger.warn({ username, ip: ctx.ip, reason: result.reason }, 'admin login failed');
    if (result.reason === 'locked') throw locked(result.lockedUntil);
    if (result.reason === 'disabled') throw adminError(403, 'disabled');
    const nowLocked = d.limiter.lockedUntil(ctx.ip, username);
    if (nowLocked) throw locked(nowLocked);
    throw adminError(401, 'bad_credentials');
  }
  d.limiter.succeed(ctx.ip, username);
  const session = await d.sessions.create(username);
  setSessionCookie(ctx, SESSION_COOKIE, session.token, { secure: d.secureCookies, maxAgeSeconds: d.sessionTtlSeconds });
  d.logger.info({ username, ip: ctx.ip }, 'admin login');
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
