import type Router from '@koa/router';
import { ROLES, type Role, type SessionStore, type UserStore } from '../answers/store/index.js';
import { identity, requireRole } from './auth.js';
import { AdminApiError, readJson, stringField } from './http.js';

function readRoles(value: unknown): Role[] {
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'string' && (ROLES as readonly string[]).includes(r))) {
    throw new AdminApiError(400, 'bad_request', `roles must be a list of ${ROLES.join(', ')}`);
  }
  return value as Role[];
}

/** /api/admin/users: admins list and create accounts and set their roles. */
export function registerUserRoutes(router: Router, users: UserStore, sessions: SessionStore): void {
  const admin = requireRole('admin');
  router.get('/api/admin/users', admin, async (ctx) => {
    ctx.body = { users: await users.list(), roles: ROLES };
  });
  router.post('/api/admin/users', admin, async (ctx) => {
    const body = await readJson(ctx);
    const displayName = typeof body.displayName === 'string' ? body.displayName : undefined;
    const user = await users.create(stringField(body, 'username'), stringField(body, 'password'), readRoles(body.roles), identity(ctx).username, displayName);
    ctx.status = 201;
    ctx.body = user;
  });
  router.post('/api/admin/users/:username/roles', admin, async (ctx) => {
    const body = await readJson(ctx);
    const user = await users.setRoles(String(ctx.params.username), readRoles(body.roles));
    await sessions.destroyAllFor(user.username); // new roles take effect with a fresh login
    ctx.body = user;
  });
}
