import { get } from '../api.js';
import type { Counts } from '../app.js';
import { hasAny, roleLabel, useSession } from '../session.js';
import { Card, useLoad, useTitle } from '../ui/kit.js';
import { RoleHint } from '../ui/role-hint.js';

interface CaseTotals { total?: number }

/** 首页: what needs doing now, for this user's roles. */
export function Home(props: { counts: Counts }) {
  useTitle('首页');
  const s = useSession();
  const caseRole = hasAny(s.me, 'staff', 'leader', 'discipline', 'admin');
  const overdue = useLoad(() => (caseRole ? get<CaseTotals>('/api/admin/cases?overdue=1&pageSize=1') : Promise.resolve(null)), [caseRole]);
  const { pending, review } = props.counts;
  return (
    <div class="home">
      <Card title={`您好，${s.me.displayName || s.me.username}`}>
        <p>您的角色：{s.me.roles.length ? s.me.roles.map((r) => roleLabel(s.labels, r)).join('、') : '还没有角色，请联系管理员分配'}。</p>
        {s.me.roles.includes('admin') ? <RoleHint roles={['editor']} doing="修改模板和填写待填写内容" /> : null}
      </Card>
      <div class="tiles">
        {pending !== null ? (
          <a class={'tile' + (pending > 0 ? ' warn' : ' ok')} href="#/pending" id="tile-pending">
            <div class="tile-n">{pending}</div>
            <div class="tile-t">{pending > 0 ? '处内容待管理员填写' : '待填写内容已全部填好'}</div>
            {pending > 0 ? <div class="tile-h">群众现在看到的是“请以公布为准”，填好并审核发布后才会看到具体内容。</div> : null}
          </a>
        ) : null}
        {review !== null ? (
          <a class="tile" href="#/review" id="tile-review">
            <div class="tile-n">{review}</div><div class="tile-t">个版本等待审核</div>
          </a>
        ) : null}
        {caseRole && typeof overdue.data?.total === 'number' ? (
          <a class={'tile' + (overdue.data.total > 0 ? ' warn' : ' ok')} href="#/cases?overdue=1" id="tile-overdue">
            <div class="tile-n">{overdue.data.total}</div><div class="tile-t">件案件已超期</div>
          </a>
        ) : null}
        {hasAny(s.me, 'leader', 'discipline', 'admin') ? (
          <a class="tile" href="#/stats" id="tile-stats"><div class="tile-n">统计</div><div class="tile-t">本月和本季度的图表、导出和月报</div></a>
        ) : null}
      </div>
    </div>
  );
}
