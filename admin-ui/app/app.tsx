import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { get, post, setCsrf, whenLoggedOut } from './api.js';
import { usePlace } from './route.js';
import { Calendar } from './sections/calendar.js';
import { Checklists } from './sections/checklists.js';
import { Cases } from './sections/cases.js';
import { Home } from './sections/home.js';
import { Login } from './sections/login.js';
import { Pending } from './sections/pending.js';
import { Review } from './sections/review.js';
import { Roster } from './sections/roster.js';
import { Stats } from './sections/stats.js';
import { Templates } from './sections/templates.js';
import { Users } from './sections/users.js';
import { FALLBACK_LABELS, hasAny, roleLabel, SessionContext, type Labels, type Me, type Role, type Session } from './session.js';
import { ToastHost } from './ui/toast.js';

interface Section { id: string; label: string; roles: Role[] }

const CASE_ROLES: Role[] = ['staff', 'leader', 'discipline', 'admin'];
const TEMPLATE_ROLES: Role[] = ['editor', 'reviewer', 'admin'];
/** The tabs, each shown to the roles that may use it. */
export const SECTIONS: Section[] = [
  { id: 'home', label: '首页', roles: ['admin', 'editor', 'reviewer', 'staff', 'leader', 'discipline'] },
  { id: 'stats', label: '统计', roles: ['leader', 'discipline', 'admin'] },
  { id: 'cases', label: '案件', roles: CASE_ROLES },
  { id: 'checklists', label: '告知书', roles: CASE_ROLES },
  { id: 'templates', label: '模板', roles: TEMPLATE_ROLES },
  { id: 'review', label: '审核', roles: TEMPLATE_ROLES },
  { id: 'pending', label: '待填写', roles: TEMPLATE_ROLES },
  { id: 'users', label: '用户', roles: ['admin'] },
  { id: 'roster', label: '名册', roles: CASE_ROLES },
  { id: 'calendar', label: '节假日', roles: ['admin', 'leader', 'staff'] },
];

export interface Counts { pending: number | null; review: number | null }

function useCounts(me: Me | null, section: string): Counts {
  const [counts, setCounts] = useState<Counts>({ pending: null, review: null });
  useEffect(() => {
    if (!me || !hasAny(me, ...TEMPLATE_ROLES)) return;
    let live = true;
    Promise.all([
      get<{ total: number }>('/api/admin/placeholders/count').then((r) => r.total, () => null),
      get<{ versions: unknown[] }>('/api/admin/review-queue').then((r) => r.versions.length, () => null),
    ]).then(([pending, review]) => { if (live) setCounts({ pending, review }); }, () => undefined);
    return () => { live = false; };
  }, [me, section]);
  return counts;
}

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<{ text: string; username?: string } | undefined>(undefined);
  const [labels, setLabels] = useState<Labels>(FALLBACK_LABELS);
  const place = usePlace();

  const signIn = useCallback((m: Me) => { setCsrf(m.csrfToken); setMe(m); setNotice(undefined); }, []);
  const signOut = useCallback((text?: string) => { setCsrf(''); setMe((old) => { if (text) setNotice({ text, username: old?.username }); return null; }); }, []);

  useEffect(() => {
    whenLoggedOut(() => signOut('登录已过期或角色已更改，请重新登录'));
    get<Me>('/api/admin/me').then(signIn, () => undefined).finally(() => setChecked(true));
  }, [signIn, signOut]);
  useEffect(() => {
    if (me) get<Labels>('/api/admin/labels').then((l) => setLabels({ ...FALLBACK_LABELS, ...l }), () => setLabels(FALLBACK_LABELS));
  }, [me]);

  const session = useMemo<Session | null>(() => me && {
    me, labels,
    refresh: () => get<Me>('/api/admin/me').then(signIn),
    logout: async () => { await post('/api/admin/logout').catch(() => undefined); signOut(); },
    ended: (notice: string) => signOut(notice),
  }, [me, labels, signIn, signOut]);
  const counts = useCounts(me, place.section);

  if (!checked) return <p class="boot">正在加载管理后台……</p>;
  if (!me || !session) return <><Header /><Login onIn={signIn} notice={notice?.text} username={notice?.username} /><ToastHost /></>;

  const mine = SECTIONS.filter((s) => hasAny(me, ...s.roles));
  const current = mine.find((s) => s.id === place.section) ?? mine[0];
  return (
    <SessionContext.Provider value={session}>
      <Header session={session} />
      <nav id="nav" aria-label="功能">
        {mine.map((s) => (
          <a href={'#/' + s.id} id={'nav-' + s.id} class={s.id === current?.id ? 'active' : ''} aria-current={s.id === current?.id ? 'page' : undefined}>
            {s.label}
            {s.id === 'pending' && counts.pending ? <span class="badge" id="pending-badge">{counts.pending}</span> : null}
            {s.id === 'review' && counts.review ? <span class="badge" id="review-badge">{counts.review}</span> : null}
          </a>
        ))}
      </nav>
      <main id={'view-' + (current?.id ?? 'none')}>
        <SectionView id={current?.id ?? 'home'} counts={counts} />
      </main>
      <ToastHost />
    </SessionContext.Provider>
  );
}

function SectionView(props: { id: string; counts: Counts }) {
  switch (props.id) {
    case 'stats': return <Stats />;
    case 'cases': return <Cases />;
    case 'checklists': return <Checklists />;
    case 'templates': return <Templates />;
    case 'review': return <Review />;
    case 'pending': return <Pending />;
    case 'users': return <Users />;
    case 'roster': return <Roster />;
    case 'calendar': return <Calendar />;
    default: return <Home counts={props.counts} />;
  }
}

function Header(props: { session?: Session }) {
  const s = props.session;
  return (
    <header class="top">
      <h1>阳光农廉助手 · 管理后台</h1>
      {s ? (
        <>
          <span class="who" id="who">
            {s.me.displayName && s.me.displayName !== s.me.username ? `${s.me.displayName}（${s.me.username}）` : s.me.username}
            {' · '}{s.me.roles.length ? s.me.roles.map((r) => roleLabel(s.labels, r)).join('、') : '尚无角色'}
          </span>
          <button class="btn ghost" id="logout" onClick={() => void s.logout()}>退出登录</button>
        </>
      ) : null}
    </header>
  );
}
