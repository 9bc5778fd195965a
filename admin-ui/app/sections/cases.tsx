import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { go, usePlace } from '../route.js';
import { useSession } from '../session.js';
import { Card, Empty, Field, Loading, Pager, Problem, useLoad, useTitle } from '../ui/kit.js';
import { CaseDetailView } from './case-detail.js';
import { maskedWho, type CaseList } from './case-types.js';

/** The filter fields the form shows; other query parameters (from a chart's drill-down) ride along untouched. */
const FORM_KEYS = ['q', 'village', 'villager', 'from', 'to', 'office', 'kind', 'status', 'firstResponder', 'overdue', 'needsPhoneCall'] as const;
type FormKey = (typeof FORM_KEYS)[number];
const DRILL_LABELS: Record<string, string> = { dateField: '按', timeliness: '时效', extended: '延期', service: '事项', holder: '经办人' };

/** 案件: search, filters (科室 by its Chinese name), paging; a case opens in view with every field and its actions. */
export function Cases() {
  const place = usePlace();
  const number = place.rest[0];
  useTitle(number ? `案件 ${number}` : '案件');
  const qs = place.params.toString();
  if (number) return <CaseDetailView number={number} back={'#/cases' + (qs ? '?' + qs : '')} />;
  return <CaseTable params={place.params} />;
}

function CaseTable(props: { params: URLSearchParams }) {
  const s = useSession();
  const params = props.params;
  const initial = Object.fromEntries(FORM_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<FormKey, string>;
  const [form, setForm] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const qs = params.toString();
  const r = useLoad(() => get<CaseList>('/api/admin/cases' + (qs ? '?' + qs : '')), [qs]);
  const set = (k: FormKey, v: string): void => setForm({ ...form, [k]: v });
  const submit = (e: Event): void => {
    e.preventDefault();
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if ((form.from && !day.test(form.from)) || (form.to && !day.test(form.to))) { setProblem('日期请选择或写成 2026-12-01 这样'); return; }
    if (form.from && form.to && form.from > form.to) { setProblem('开始日期不能晚于结束日期'); return; }
    setProblem(null);
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v.trim()) next.set(k, v.trim());
    go('cases', [], next);
  };
  const reset = (): void => { setForm(Object.fromEntries(FORM_KEYS.map((k) => [k, ''])) as Record<FormKey, string>); go('cases'); };
  const page = Number(params.get('page') ?? '1') || 1;
  const toPage = (p: number): void => { const next = new URLSearchParams(params); next.set('page', String(p)); go('cases', [], next); };
  const extra = [...params.entries()].filter(([k]) => !(FORM_KEYS as readonly string[]).includes(k) && k !== 'page' && k !== 'pageSize');
  const exportQs = (format: string): string => { const q = new URLSearchParams(params); q.delete('page'); q.set('format', format); return '/api/admin/cases/export?' + q.toString(); };
  const data = r.data;
  return (
    <div id="cases">
      <Card title="案件查询">
        <form id="case-filter" class="filters" onSubmit={submit}>
          <Field label="编号或内容"><input name="q" type="search" value={form.q} placeholder="如 T20261201-0001 或 低保" onInput={(e) => set('q', e.currentTarget.value)} /></Field>
          <Field label="村（社区）"><input name="village" value={form.village} onInput={(e) => set('village', e.currentTarget.value)} /></Field>
          <Field label="反映人（姓名或电话）"><input name="villager" value={form.villager} onInput={(e) => set('villager', e.currentTarget.value)} /></Field>
          <Field label="登记日期从"><input name="from" type="date" value={form.from} onInput={(e) => set('from', e.currentTarget.value)} /></Field>
          <Field label="到"><input name="to" type="date" value={form.to} onInput={(e) => set('to', e.currentTarget.value)} /></Field>
          <Field label="科室"><input name="office" list="office-names" value={form.office} placeholder="如 民政办" onInput={(e) => set('office', e.currentTarget.value)} />
            <datalist id="office-names">{s.labels.offices.map((o) => <option value={o.name} />)}</datalist></Field>
          <Field label="类型"><select name="kind" value={form.kind} onChange={(e) => set('kind', e.currentTarget.value)}><option value="">全部</option>{s.labels.kinds.map((k) => <option value={k.key}>{k.label}</option>)}</select></Field>
          <Field label="状态"><select name="status" value={form.status} onChange={(e) => set('status', e.currentTarget.value)}><option value="">全部</option>{s.labels.statuses.map((k) => <option value={k.key}>{k.label}</option>)}</select></Field>
          <Field label="首问责任人"><input name="firstResponder" value={form.firstResponder} placeholder="姓名" onInput={(e) => set('firstResponder', e.currentTarget.value)} /></Field>
          <label class="check"><input type="checkbox" name="overdue" checked={form.overdue === '1'} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : '')} /> 只看超期</label>
          <label class="check"><input type="checkbox" name="needsPhoneCall" checked={form.needsPhoneCall === '1'} onChange={(e) => set('needsPhoneCall', e.currentTarget.checked ? '1' : '')} /> 只看需电话联系</label>
          <div class="buttons"><button class="btn primary" type="submit" id="case-search">查询</button><button class="btn" type="button" onClick={reset}>清空条件</button></div>
        </form>
        {extra.length ? <div class="muted" id="case-drill">来自统计图表的条件：{extra.map(([k, v]) => `${DRILL_LABELS[k] ?? k}=${v}`).join('，')}</div> : null}
        <Problem text={problem} />
      </Card>
      <Card title={data?.total !== undefined ? `共 ${data.total} 件` : '案件'}
        actions={<><a class="btn small" id="cases-csv" href={exportQs('csv')} download>导出 CSV</a><a class="btn small" id="cases-xlsx" href={exportQs('xlsx')} download>导出 Excel</a></>}>
        {r.loading && !data ? <Loading /> : null}
        <Problem text={r.error} />
        {data && data.cases.length === 0 ? <Empty id="cases-empty" title="没有符合条件的案件" hint="放宽条件再查，例如去掉日期或状态；科室可以写“民政办”这样的中文名称。" /> : null}
        {data && data.cases.length ? (
          <div class="table-wrap">
            <table class="table clickable" id="case-rows">
              <thead><tr><th>编号</th><th>类型</th><th>状态</th><th>科室</th><th>经办人</th><th>首问责任人</th><th>反映人</th><th>村</th><th>摘要</th><th>时限</th></tr></thead>
              <tbody>{data.cases.map((c) => (
                <tr data-number={c.number} onClick={() => go('cases', [c.number], params)}>
                  <td><a href={`#/cases/${encodeURIComponent(c.number)}${qs ? '?' + qs : ''}`}>{c.number}</a>{c.needsPhoneCall ? <div class="warn needs-phone-call">需电话联系</div> : null}</td>
                  <td>{c.kindLabel ?? c.kind}</td><td>{c.statusLabel ?? c.status}</td><td>{c.office}</td><td>{c.holder ?? '—'}</td><td>{c.firstResponder ?? '—'}</td>
                  <td>{maskedWho(c.complainant)}</td><td>{c.village ?? '—'}</td><td class="summary">{c.summary}</td>
                  <td class={c.overdue ? 'warn' : ''}>{c.due}{c.overdue ? '（超期）' : ''}{c.extended ? '（已延期）' : ''}</td>
                </tr>))}</tbody>
            </table>
          </div>) : null}
        {data && data.total !== undefined ? <Pager page={data.page ?? page} pages={data.pages ?? 1} total={data.total} onPage={toPage} /> : null}
        <div class="muted">反映人身份已隐去；查看完整身份仅限经办人、首问责任人、纪检和管理员，每次查看均留痕。</div>
      </Card>
    </div>
  );
}
