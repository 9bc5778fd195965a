import { useState } from 'preact/hooks';
import { explain, post } from '../api.js';
import type { Me } from '../session.js';
import { useTitle } from '../ui/kit.js';

/** The login form; `notice` says why the user is here again (roles changed, password reset …). */
export function Login(props: { onIn: (me: Me) => void; notice?: string; username?: string }) {
  useTitle('登录');
  const [username, setUsername] = useState(props.username ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!username.trim() || !password) { setError('请填写用户名和密码'); return; }
    setBusy(true);
    setError('');
    try {
      props.onIn(await post<Me>('/api/admin/login', { username: username.trim(), password }));
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="login-wrap" id="view-login">
      <form class="card login" onSubmit={submit} noValidate>
        <h2>登录管理后台</h2>
        {props.notice ? <div class="notice" id="login-notice">{props.notice}</div> : null}
        <label class="field"><span class="field-label">用户名</span>
          <input id="login-user" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} /></label>
        <label class="field"><span class="field-label">密码</span>
          <input id="login-pass" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
        <button class="btn primary" id="login-submit" type="submit" disabled={busy}>{busy ? '正在登录……' : '登录'}</button>
        <div class="problem" id="login-error" role="alert">{error}</div>
        <p class="muted">第一个管理员账号由服务器的 ADMIN_USERNAME / ADMIN_PASSWORD 设置；其他账号由管理员在“用户”里创建。</p>
      </form>
    </div>
  );
}
