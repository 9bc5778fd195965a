import { timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { SessionStore, UserStore, type Role } from '../answers/store/index.js';
import { adminError, readCookie } from './http.js';
import { adminTexts } from './texts.js';

export const SESSION_COOKIE = 'nl_admin';

export interface AdminIdentity {
  username: string;
  displayName: string | undefined;
  /** the roster member this account acts as (user.staffId; else a roster member whose staffId is the username) */
  staffId: string | undefined;
  roles: Role[];
  csrfToken: string;
  token: string;
}

/** The identity set by {@link requireLogin}. */
export function identity(ctx: Context): AdminIdentity {
  const id = ctx.state.admin as AdminIdentity | undefined;
  if (!id) throw adminError(401, 'not_logged_in');
  return id;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Loads the session from the cookie (401 without one), re-reads the user's roles (a change
 * applies at once), and on every non-GET request checks the X-CSRF-Token header (403).
 */
export function requireLogin(users: UserStore, sessions: SessionStore) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const token = readCookie(ctx, SESSION_COOKIE);
    const session = token ? await sessions.get(token) : undefined;
    const user = session ? await users.get(session.username) : undefined;
    // a disabled account's sessions are ended when it is disabled; this check also covers one created in between
    if (!token || !session || !user || user.disabled) throw adminError(401, 'not_logged_in');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(ctx.method) && !sameSecret(ctx.get('X-CSRF-Token'), session.csrfToken)) {
      throw adminError(403, 'csrf');
    }
    ctx.state.admin = {
      username: user.username, displayName: user.displayName, staffId: user.staffId, roles: user.roles, csrfToken: session.csrfToken, token,
    } satisfies AdminIdentity;
    await next();
  };
}

/** 403 unless the logged-in user holds one of the roles. */
export function requireRole(...roles: Role[]) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const id = identity(ctx);
    if (!roles.some((r) => id.roles.includes(r))) {
      const texts = adminTexts();
      throw adminError(403, 'forbidden', 'forbidden', { roles: roles.map((r) => texts.label('role', r)).join('”或“') });
    }
    await next();
  };
}

/**
 * The admin login and one of the roles, for routes outside /api/admin (e.g. /api/nlu/try).
 * Sessions and users live in the database, so fresh stores see the same logins as the admin page.
 */
export function adminLoginWithRole(...roles: Role[]) {
  const loggedIn = requireLogin(new UserStore(), new SessionStore());
  const role = requireRole(...roles);
  return (ctx: Context, next: Next): Promise<void> => loggedIn(ctx, () => role(ctx, next));
}
