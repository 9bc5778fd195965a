import type Router from '@koa/router';
import { z } from 'zod';
import { ROLES, USER_ACTIONS, userChanges, type Role, type SessionStore, type UserStore, type UserView } from '../answers/store/index.js';
import { identity, requireRole } from './auth.js';
import { adminError, readJson } from './http.js';
import { adminTexts } from './texts.js';
import { parseBody } from './validation.js';

const roles = z.array(z.enum(ROLES));
const createBody = z.object({
  username: z.string().trim().min(2).max(40),
  password: z.string().min(1),
  roles,
  displayName: z.string().trim().max(40).optional(),
  staffId: z.string().trim().max(40).optional(),
});
const patchBody = z.object({ displayName: z.string().trim().max(40).optional(), roles: roles.optional(), staffId: z.string().trim().max(40).optional() });
const rolesBody = z.object({ roles });
const passwordBody = z.object({ password: z.string().min(1) });

function labelled(u: UserView) {
  const texts = adminTexts();
  return { ...u, displayName: u.displayName ?? null, staffId: u.staffId ?? null, lockedUntil: u.lockedUntil ?? null, roleLabels: u.roles.map((r) => texts.label('role', r)) };
}

/**
 * /api/admin/users: admins create accounts, edit roles and names, reset passwords, disable and enable.
 * Every change is logged (user_changes). An admin may give itself any role; the last active admin
 * cannot take away its own admin role or be disabled.
 */
export function registerUserRoutes(router: Router, users: UserStore, sessions: SessionStore): void {
  const admin = requireRole('admin');
  const texts = () => adminTexts();
  const roleList = () => ROLES.map((key) => ({ key, label: texts().label('role', key) }));

  async function keepsAnAdmin(username: string, nextRoles: Role[] | undefined, disabling: boolean): Promise<void> {
    const user = await users.get(username);
    if (!user?.roles.includes('admin') || user.disabled) return;
    const losesAdmin = disabling || (nextRoles !== undefined && !nextRoles.includes('admin'));
    if (losesAdmin && (await users.activeAdmins()).filter((n) => n !== username).length === 0) throw adminError(409, 'conflict', 'last_admin');
  }

  async function setRoles(by: string, username: string, next: Role[]): Promise<UserView> {
    await keepsAnAdmin(username, next, false);
    const user = await users.setRoles(username, next, by);
    // roles are re-read on every request; other sessions of the account end so a narrowed account is not kept open
    if (username !== by) await sessions.destroyAllFor(username);
    return user;
  }

  router.get('/api/admin/users', admin, async (ctx) => {
    ctx.body = { users: (await users.list()).map(labelled), roles: roleList() };
  });
  router.get('/api/admin/users/log', admin, async (ctx) => {
    const username = typeof ctx.query.username === 'string' && ctx.query.username ? ctx.query.username : undefined;
    const entries = await userChanges(username);
    ctx.body = {
      entries: entries.map((e) => ({ ...e, actionLabel: texts().label('user_action', e.action), detail: roleDetail(e.action, e.detail) })),
      actions: USER_ACTIONS.map((key) => ({ key, label: texts().label('user_action', key) })),
    };
  });
  router.post('/api/admin/users', admin, async (ctx) => {
    const body = parseBody(createBody, await readJson(ctx));
    const user = await users.create(body.username, body.password, body.roles, identity(ctx).username, body.displayName, body.staffId || undefined);
    ctx.status = 201;
    ctx.body = labelled(user);
  });
  router.patch('/api/admin/users/:username', admin, async (ctx) => {
    const body = parseBody(patchBody, await readJson(ctx));
    const username = String(ctx.params.username);
    const by = identity(ctx).username;
    if (!(await users.get(username))) throw adminError(404, 'not_found', 'user.not_found', { username });
    let user: UserView | undefined;
    if (body.displayName !== undefined || body.staffId !== undefined) user = await users.setProfile(username, { displayName: body.displayName, staffId: body.staffId }, by);
    if (body.roles) user = await setRoles(by, username, body.roles);
    ctx.body = labelled(user ?? (await users.get(username)) as UserView);
  });
  router.post('/api/admin/users/:username/roles', admin, async (ctx) => {
    const body = parseBody(rolesBody, await readJson(ctx));
    ctx.body = labelled(await setRoles(identity(ctx).username, String(ctx.params.username), body.roles));
  });
  router.post('/api/admin/users/:username/password', admin, async (ctx) => {
    const body = parseBody(passwordBody, await readJson(ctx));
    const username = String(ctx.params.username);
    await users.resetPassword(username, body.password, identity(ctx).username);
    await sessions.destroyAllFor(username);
    ctx.body = { ok: true };
  });
  router.post('/api/admin/users/:username/disable', admin, async (ctx) => {
    const username = String(ctx.params.username);
    if (username === identity(ctx).username) throw adminError(409, 'conflict', 'self_disable');
    await keepsAnAdmin(username, undefined, true);
    const user = await users.setDisabled(username, true, identity(ctx).username);
    await sessions.destroyAllFor(username);
    ctx.body = labelled(user);
  });
  router.post('/api/admin/users/:username/enable', admin, async (ctx) => {
    ctx.body = labelled(await users.setDisabled(String(ctx.params.username), false, identity(ctx).username));
  });
}

/** Role changes are logged as ids; the log shows them as labels. */
function roleDetail(action: string, detail: string): string {
  if ((action !== 'roles' && action !== 'create') || !detail) return detail;
  return detail.split(',').map((r) => adminTexts().label('role', r)).join('、');
}
