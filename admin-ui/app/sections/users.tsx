import { useState } from 'preact/hooks';
import { api, explain, fieldProblems, get, post } from '../api.js';
import { roleLabel, useSession, type Role } from '../session.js';
import { act, Card, dash, Empty, Field, fmtTime, Loading, Problem, useLoad, useTitle } from '../ui/kit.js';
import { toast } from '../ui/toast.js';

interface User { username: string; displayName?: string | null; roles: Role[]; staffId?: string | null; disabled?: boolean; lockedUntil?: string | null; createdAt?: string }
interface UsersReply { users: User[]; roles: (string | { key: string; label: string })[] }
interface LogEntry { at: string; by: string; username: string; action: string; actionLabel?: string; detail?: string }

const USERNAME = /^[\p{L}\p{N}_.-]{2,40}$/u;
const MIN_PASSWORD = 10;

function checkNew(u: { username: string; password: string; roles: Role[] }): Record<string, string> {
  const p: Record<string, string> = {};
  if (!USERNAME.test(u.username.trim())) p.username = '用户名 2 到 40 个字，可用汉字、字母、数字和 _ . -';
  if (u.password.length < MIN_PASSWORD) p.password = `密码至少 ${MIN_PASSWORD} 位`;
  if (u.roles.length === 0) p.roles = '请至少选一个角色';
  return p;
}

/** 用户: accounts, their roles, password resets and 停用; every change is on record. */
export function Users() {
  useTitle('用户');
  const s = useSession();
  const r = useLoad(() => get<UsersReply>('/api/admin/users'), []);
  const log = useLoad(() => get<{ entries: LogEntry[] }>('/api/admin/users/log').catch(() => ({ entries: [] as LogEntry[] })), [r.data]);
  const [editing, setEditing] = useState<string | null>(null);
  const roles = (r.data?.roles ?? []).map((x) => (typeof x === 'string' ? x : x.key) as Role);
  return (
    <div id="users">
      <Card title="用户">
        {r.loading && !r.data ? <Loading /> : null}
        <Problem text={r.error} />
        {r.data && r.data.users.length === 0 ? <Empty title="还没有用户" hint="在下面“新建用户”里添加。" /> : null}
        {r.data && r.data.users.length ? (
          <table class="table" id="user-rows">
            <thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>工作人员编号</th><th>状态</th><th>操作</th></tr></thead>
            <tbody>{r.data.users.map((u) => (
              <tr data-username={u.username} class={u.disabled ? 'disabled' : ''}>
                <td>{u.username}{u.username === s.me.username ? <span class="muted">（我）</span> : null}</td>
                <td>{dash(u.displayName)}</td>
                <td>{u.roles.length ? u.roles.map((x) => roleLabel(s.labels, x)).join('、') : '—'}</td>
                <td>{dash(u.staffId)}</td>
                <td class="user-state">{u.disabled ? '已停用' : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? `锁定至 ${fmtTime(u.lockedUntil)}` : '正常'}</td>
                <td><button class="btn small" data-action="edit" onClick={() => setEditing(u.username)}>修改</button></td>
              </tr>))}</tbody>
          </table>) : null}
      </Card>
      {editing && r.data ? <EditUser key={editing} user={r.data.users.find((u) => u.username === editing)!} roles={roles} onDone={() => { setEditing(null); r.reload(); }} /> : null}
      <NewUser roles={roles} onCreated={r.reload} />
      <Card title="变更记录">
        {log.data && log.data.entries.length === 0 ? <Empty title="还没有变更记录" /> : null}
        {log.data && log.data.entries.length ? (
          <table class="table" id="user-log"><thead><tr><th>时间</th><th>操作人</th><th>用户</th><th>变更</th><th>说明</th></tr></thead>
            <tbody>{log.data.entries.slice(0, 50).map((e) => <tr><td>{fmtTime(e.at)}</td><td>{e.by}</td><td>{e.username}</td><td>{e.actionLabel ?? e.action}</td><td>{dash(e.detail)}</td></tr>)}</tbody></table>
        ) : null}
      </Card>
    </div>
  );
}

function RoleBoxes(props: { all: Role[]; value: Role[]; onChange: (r: Role[]) => void; name: string }) {
  const s = useSession();
  return (
    <div class="checks">{props.all.map((role) => (
      <label class="check"><input type="checkbox" name={props.name} value={role} checked={props.value.includes(role)}
        onChange={(e) => props.onChange(e.currentTarget.checked ? [...props.value, role] : props.value.filter((x) => x !== role))} /> {roleLabel(s.labels, role)}</label>
    ))}</div>
  );
}

function NewUser(props: { roles: Role[]; onCreated: () => void }) {
  const [u, setU] = useState({ username: '', displayName: '', password: '', staffId: '', roles: [] as Role[] });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const p = checkNew(u);
    setProblems(p);
    if (Object.keys(p).length) { setProblem('请按提示修改后再创建'); return; }
    try {
      await post('/api/admin/users', { username: u.username.trim(), password: u.password, roles: u.roles, displayName: u.displayName.trim() || undefined, staffId: u.staffId.trim() || undefined });
      toast(`已创建用户 ${u.username.trim()}`, true);
      setU({ username: '', displayName: '', password: '', staffId: '', roles: [] }); setProblem(null);
      props.onCreated();
    } catch (err) { setProblems(fieldProblems(err)); setProblem(explain(err)); }
  };
  return (
    <Card title="新建用户">
      <form id="user-form" onSubmit={submit} noValidate>
        <div class="grid4">
          <Field label="用户名（可用中文，如 张三）" error={problems.username}><input name="username" value={u.username} onInput={(e) => setU({ ...u, username: e.currentTarget.value })} /></Field>
          <Field label="姓名（显示用）" error={problems.displayName}><input name="displayName" value={u.displayName} onInput={(e) => setU({ ...u, displayName: e.currentTarget.value })} /></Field>
          <Field label={`初始密码（至少 ${MIN_PASSWORD} 位）`} error={problems.password}><input name="password" type="password" autocomplete="new-password" value={u.password} onInput={(e) => setU({ ...u, password: e.currentTarget.value })} /></Field>
          <Field label="花名册工作人员编号（办案件需要）" error={problems.staffId}><input name="staffId" value={u.staffId} placeholder="如 s04" onInput={(e) => setU({ ...u, staffId: e.currentTarget.value })} /></Field>
        </div>
        <Field label="角色" error={problems.roles} wide><RoleBoxes name="new-role" all={props.roles} value={u.roles} onChange={(roles) => setU({ ...u, roles })} /></Field>
        <button class="btn primary" type="submit" id="user-create">创建</button>
        <Problem text={problem} />
      </form>
    </Card>
  );
}

function EditUser(props: { user: User; roles: Role[]; onDone: () => void }) {
  const s = useSession();
  const { user } = props;
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [displayName, setDisplayName] = useState(user.displayName ?? '');
  const [staffId, setStaffId] = useState(user.staffId ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const self = user.username === s.me.username;
  const base = `/api/admin/users/${encodeURIComponent(user.username)}`;
  const save = async (): Promise<void> => {
    if (roles.length === 0) { setProblem('请至少保留一个角色；不再使用的账号请“停用”'); return; }
    const ok = await act(() => api('PATCH', base, { roles, displayName: displayName.trim() || null, staffId: staffId.trim() || null }), self ? '已保存。您自己的角色变了，请重新登录' : '已保存，对方下次操作时按新角色生效');
    if (ok !== undefined) { if (self) await s.refresh().catch(() => s.ended('您的角色已更改，请重新登录')); props.onDone(); }
  };
  const reset = async (): Promise<void> => {
    if (password.length < MIN_PASSWORD) { setProblem(`新密码至少 ${MIN_PASSWORD} 位`); return; }
    if (await act(() => post(`${base}/password`, { password }), '密码已重置，请把新密码当面告诉本人；其已登录的会话已退出') !== undefined) setPassword('');
  };
  const toggle = async (): Promise<void> => {
    if (!user.disabled && !confirm(`停用 ${user.username}？停用后不能登录，正在使用的会话立即失效。`)) return;
    if (await act(() => post(`${base}/${user.disabled ? 'enable' : 'disable'}`), user.disabled ? '已启用' : '已停用') !== undefined) props.onDone();
  };
  return (
    <Card title={`修改用户：${user.username}`} id="user-edit" actions={<button class="btn small" onClick={props.onDone}>关闭</button>}>
      <div class="grid4">
        <Field label="姓名（显示用）"><input name="edit-displayName" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} /></Field>
        <Field label="花名册工作人员编号"><input name="edit-staffId" value={staffId} onInput={(e) => setStaffId(e.currentTarget.value)} /></Field>
      </div>
      <Field label="角色" wide><RoleBoxes name="edit-role" all={props.roles} value={roles} onChange={setRoles} /></Field>
      <button class="btn primary" id="user-save" onClick={() => void save()}>保存</button>
      <div class="grid4 reset">
        <Field label={`重置密码（至少 ${MIN_PASSWORD} 位）`}><input name="edit-password" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></Field>
        <div class="buttons"><button class="btn" id="user-reset" onClick={() => void reset()}>重置密码</button></div>
      </div>
      {self ? <div class="muted">不能停用自己的账号。</div>
        : <button class={'btn ' + (user.disabled ? '' : 'danger')} id="user-toggle" onClick={() => void toggle()}>{user.disabled ? '重新启用' : '停用账号'}</button>}
      <Problem text={problem} />
    </Card>
  );
}
