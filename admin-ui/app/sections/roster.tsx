import { get } from '../api.js';
import { labelOf, roleLabel, useSession } from '../session.js';
import { Card, Empty, fmtTime, Loading, Problem, useLoad, useTitle } from '../ui/kit.js';

interface Member { staffId: string; name: string; post: string; chatHandle: string; roles: string[]; onDuty: boolean; leave: { from: string; to: string; substituteStaffId: string; now: boolean } | null }
interface OfficeRow { code: string; name: string; leaderStaffId: string | null; onDutyNow: { staffId: string; name: string } | null; members: Member[] }

/** 名册: offices, who is on duty now, leave and substitutes (同岗替代), and the routing rules in words. */
export function Roster() {
  useTitle('名册');
  const s = useSession();
  const r = useLoad(() => get<{ offices: OfficeRow[]; routing: unknown; routingFile: string }>('/api/admin/roster'), []);
  if (r.loading && !r.data) return <Loading />;
  if (!r.data) return <Problem text={r.error} />;
  const officeName = (code: unknown): string => r.data?.offices.find((o) => o.code === code)?.name ?? String(code);
  return (
    <div id="roster-list">
      {r.data.offices.length === 0 ? <Card><Empty title="名册是空的" hint="把本镇的工作人员名单写进名册文件（ROSTER_FILE），再运行 npm run roster:import。" /></Card> : null}
      {r.data.offices.map((o) => (
        <div data-office={o.code}><Card class="office" title={`${o.name} · 当前值班：${o.onDutyNow ? o.onDutyNow.name : '无人在岗'}`}>
          <div>
            <table class="table"><thead><tr><th>姓名</th><th>岗位</th><th>工作群昵称</th><th>角色</th><th>值班</th><th>请假</th></tr></thead>
              <tbody>{o.members.map((m) => (
                <tr><td>{m.name}{m.staffId === o.leaderStaffId ? '（负责人）' : ''}</td><td>{m.post}</td><td>{m.chatHandle}</td>
                  <td>{m.roles.map((x) => roleLabel(s.labels, x)).join('、')}</td><td>{m.onDuty ? '是' : '否'}</td>
                  <td>{m.leave ? `${fmtTime(m.leave.from)} 至 ${fmtTime(m.leave.to)}，替岗 ${m.leave.substituteStaffId}${m.leave.now ? '（请假中）' : ''}` : '—'}</td></tr>))}</tbody></table>
          </div>
        </Card></div>
      ))}
      <Card title="分派规则">
        <p class="muted">案件按下列规则分给科室（修改 {r.data.routingFile} 后重启生效）。</p>
        <RoutingList routing={r.data.routing} officeName={officeName} />
      </Card>
    </div>
  );
}

interface Routing { misconductCategories?: string[]; misconductOffice?: string; rules?: { kind?: string; service?: string; category?: string; office: string }[]; default?: string }

function RoutingList(props: { routing: unknown; officeName: (c: unknown) => string }) {
  const s = useSession();
  const r = (props.routing ?? {}) as Routing;
  const rows: [string, string][] = [];
  if (r.misconductCategories?.length) rows.push([`反映工作人员${r.misconductCategories.join('、')}（不论事项）`, props.officeName(r.misconductOffice)]);
  for (const rule of r.rules ?? []) {
    const when = [
      rule.kind ? `类型为“${labelOf(s.labels.kinds, rule.kind)}”` : '',
      rule.service ? `事项为“${labelOf(s.labels.services, rule.service)}”` : '',
      rule.category ? `问题为“${rule.category}”` : '',
    ].filter(Boolean).join('且');
    rows.push([when || '其他', props.officeName(rule.office)]);
  }
  if (r.default) rows.push(['以上都不符合时', props.officeName(r.default)]);
  return rows.length ? <table class="table" id="routing"><thead><tr><th>情形</th><th>分给</th></tr></thead><tbody>{rows.map(([a, b]) => <tr><td>{a}</td><td>{b}</td></tr>)}</tbody></table>
    : <Empty title="没有分派规则" />;
}
