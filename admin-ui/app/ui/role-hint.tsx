import { api, ApiError } from '../api.js';
import { hasAny, roleLabel, useSession, type Role } from '../session.js';
import { act } from './kit.js';
import { toast } from './toast.js';

/** Gives the logged-in admin more roles (the first admin starts with 管理员 only). */
async function grantSelf(username: string, roles: Role[]): Promise<true> {
  try {
    await api('PATCH', `/api/admin/users/${encodeURIComponent(username)}`, { roles });
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 405)) throw err;
    await api('POST', `/api/admin/users/${encodeURIComponent(username)}/roles`, { roles }); // a server older than the contract
  }
  return true;
}

/**
 * Says which role a part of the console needs when the user lacks it; an admin can grant it to itself here.
 * Renders nothing when the user already has one of `roles`.
 */
export function RoleHint(props: { roles: Role[]; doing: string }) {
  const s = useSession();
  if (hasAny(s.me, ...props.roles)) return null;
  const names = props.roles.map((r) => `“${roleLabel(s.labels, r)}”`).join('或');
  const isAdmin = s.me.roles.includes('admin');
  const grant = async (): Promise<void> => {
    const roles = [...new Set([...s.me.roles, ...props.roles])];
    const ok = await act(() => grantSelf(s.me.username, roles));
    if (ok === undefined) return;
    toast('角色已加上', true);
    // new roles take effect with a fresh login when the server ends the session on a role change
    await s.refresh().catch(() => s.ended('角色已加上，请重新登录后生效'));
  };
  return (
    <div class="role-hint" id="role-hint">
      <div>{props.doing}需要{names}角色，您现在没有。</div>
      {isAdmin
        ? <button class="btn primary" id="grant-self" onClick={() => void grant()}>给我加上{props.roles.map((r) => roleLabel(s.labels, r)).join('、')}角色</button>
        : <div class="muted">请联系管理员在“用户”里为您加上这个角色。</div>}
      {isAdmin ? <div class="muted">也可以在“用户”里给其他人分配角色。按“谁审核谁负责”，同一个版本须由作者以外的审核人通过。</div> : null}
    </div>
  );
}
