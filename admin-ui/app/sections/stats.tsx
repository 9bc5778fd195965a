import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { get } from '../api.js';
import { go, usePlace } from '../route.js';
import { labelOf, useSession } from '../session.js';
import { Chart } from '../ui/chart.js';
import { Card, Empty, fmtTime, Loading, Problem, useLoad, useTitle } from '../ui/kit.js';
import { caseRowsBar, messagesByDay, rowsBar, satisfactionPie } from './stats-charts.js';
import { CASE_SERIES, change, currentPeriod, pct, type CaseRowStat, type Drill, type Row, type StatsReply } from './stats-types.js';

const drillTo = (d: Drill): void => {
  if (!d) return;
  go('cases', [], Object.fromEntries(Object.entries(d).map(([k, v]) => [k, String(v)])));
};
const drillHref = (d: Drill): string => '#/cases?' + new URLSearchParams(Object.entries(d ?? {}).map(([k, v]) => [k, String(v)])).toString();

/** 统计: the month's or quarter's figures as charts, against the previous period, each bar leading to its cases. */
export function Stats() {
  useTitle('统计');
  const place = usePlace();
  const period = place.params.get('period') ?? currentPeriod('month');
  const r = useLoad(() => get<StatsReply>(`/api/admin/stats?period=${encodeURIComponent(period)}`), [period]);
  return (
    <div id="stats">
      <Card title="统计" actions={<PeriodPicker period={period} />}>
        {r.data ? <div class="muted" id="stats-period">{r.data.period.label}（{r.data.period.from} 至 {r.data.period.to}），对比上期 {r.data.previous.label}（{r.data.previous.from} 至 {r.data.previous.to}）· 生成于 {fmtTime(r.data.generatedAt)}</div> : null}
        <Exports period={period} />
      </Card>
      {r.loading && !r.data ? <Loading /> : null}
      <Problem text={r.error} />
      {r.data ? <StatsBody s={r.data} /> : null}
    </div>
  );
}

function PeriodPicker(props: { period: string }) {
  const quarter = /Q/.test(props.period);
  const [kind, setKind] = useState<'month' | 'quarter'>(quarter ? 'quarter' : 'month');
  const [value, setValue] = useState(props.period);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event): void => {
    e.preventDefault();
    const ok = kind === 'month' ? /^\d{4}-(0[1-9]|1[0-2])$/.test(value) : /^\d{4}-Q[1-4]$/.test(value);
    if (!ok) { setProblem(kind === 'month' ? '月份请选成 2026-12 这样' : '季度请写成 2026-Q4 这样'); return; }
    setProblem(null);
    go('stats', [], { period: value });
  };
  const year = value.slice(0, 4);
  return (
    <form class="inline-form" id="period-form" onSubmit={submit}>
      <select id="period-kind" value={kind} onChange={(e) => { const k = e.currentTarget.value as 'month' | 'quarter'; setKind(k); setValue(currentPeriod(k)); }}>
        <option value="month">按月</option><option value="quarter">按季度</option></select>
      {kind === 'month'
        ? <input id="period-month" type="month" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        : <select id="period-quarter" value={value} onChange={(e) => setValue(e.currentTarget.value)}>
            {[Number(year) - 1, Number(year)].flatMap((y) => [1, 2, 3, 4].map((q) => <option value={`${y}-Q${q}`}>{y}年第{q}季度</option>))}</select>}
      <button class="btn primary" type="submit" id="period-go">查看</button>
      {problem ? <span class="field-error">{problem}</span> : null}
    </form>
  );
}

function Exports(props: { period: string }) {
  const month = /^\d{4}-\d{2}$/.test(props.period) ? props.period : null;
  const p = encodeURIComponent(props.period);
  return (
    <div class="exports" id="stats-exports">
      <span>导出统计：</span>
      <a class="btn small" id="stats-xlsx" href={`/api/admin/stats/export?period=${p}&format=xlsx`} download>Excel</a>
      <a class="btn small" id="stats-csv" href={`/api/admin/stats/export?period=${p}&format=csv`} download>CSV</a>
      {month ? (
        <>
          <span>一月一报：</span>
          <a class="btn small" id="report-xlsx" href={`/api/admin/reports/export?month=${month}&format=xlsx`} download>Excel</a>
          <a class="btn small" id="report-csv" href={`/api/admin/reports/export?month=${month}&format=csv`} download>CSV</a>
        </>
      ) : null}
      <a class="btn small primary" id="report-print" href={`/admin/print/report?period=${p}`} target="_blank" rel="noopener">打印月报（可签字）</a>
      <span class="muted">Excel 和 CSV 均可用 WPS 打开。</span>
    </div>
  );
}

function Kpi(props: { id: string; label: string; value: ComponentChildren; note?: string; href?: string }) {
  const body = <><div class="kpi-v">{props.value}</div><div class="kpi-l">{props.label}</div>{props.note ? <div class="kpi-n">{props.note}</div> : null}</>;
  return props.href ? <a class="kpi" id={props.id} href={props.href}>{body}</a> : <div class="kpi" id={props.id}>{body}</div>;
}

function StatsBody({ s }: { s: StatsReply }) {
  const ses = useSession();
  const cur = s.period.label;
  const prev = s.previous.label;
  const c = s.cases;
  const opts = useMemo(() => ({
    days: messagesByDay(s, (k) => labelOf(ses.labels.channels, k) !== k ? labelOf(ses.labels.channels, k) : (s.messages.byChannel.find((x) => x.key === k)?.label ?? k)),
    channel: rowsBar(s.messages.byChannel, true, cur, prev),
    service: rowsBar(s.matters.byService, true, cur, prev),
    kind: rowsBar(s.matters.casesByKind, true, cur, prev),
    caseService: rowsBar(s.matters.casesByService, true, cur, prev),
    village: rowsBar(s.matters.casesByVillage, true, cur, prev),
    office: caseRowsBar(c.byOffice),
    responder: caseRowsBar(c.byFirstResponder),
    sat: satisfactionPie(s.satisfaction),
  }), [s, ses.labels]);
  const rowDrill = (rows: Row[]) => (_series: number, i: number): void => drillTo(rows[i]?.drill ?? null);
  const caseDrill = (rows: CaseRowStat[]) => (series: number, i: number): void => {
    const k = CASE_SERIES[series]?.key;
    if (k) drillTo(rows[i]?.drill[k] ?? null);
  };
  return (
    <>
      <div class="kpis" id="kpis">
        <Kpi id="kpi-messages" label="群众消息" value={s.messages.total} note={`${s.messages.villagers} 位群众 · ${change(s.messages.total, s.messages.previous)}`} />
        <Kpi id="kpi-opened" label="登记案件" value={c.opened} href={c.drill.opened ? drillHref(c.drill.opened) : undefined} />
        <Kpi id="kpi-ontime" label="按时办结" value={c.closedOnTime} note={`超期办结 ${c.closedLate}`} href={c.drill.closedOnTime ? drillHref(c.drill.closedOnTime) : undefined} />
        <Kpi id="kpi-overdue" label="超期未结" value={c.overdueOpen} href={c.drill.overdueOpen ? drillHref(c.drill.overdueOpen) : undefined} />
        <Kpi id="kpi-extended" label="延期" value={c.extended} href={c.drill.extended ? drillHref(c.drill.extended) : undefined} />
        <Kpi id="kpi-satisfaction" label="满意率" value={pct(s.satisfaction.rate)} note={`${s.satisfaction.total} 人评价${s.satisfaction.previous ? ` · 上期 ${pct(s.satisfaction.previous.rate)}` : ''}`} />
        <Kpi id="kpi-unanswered" label="没答上的问题" value={s.unanswered.total} href="#stats-unanswered" />
        <Kpi id="kpi-interviews" label="约谈已举行" value={s.interviews.held} note={`预约 ${s.interviews.booked}`} />
      </div>

      <ChartCard title="每日消息（按渠道）" id="chart-days" option={opts.days} empty={s.messages.total === 0} emptyHint="本期没有群众消息。公众号、网页等渠道接通后，这里每天会有数字。">
        <RowsTable rows={s.messages.byChannel} cur={cur} prev={prev} id="table-channels" />
      </ChartCard>

      <div class="two">
        <ChartCard title="群众问的事项" id="chart-service" option={opts.service} empty={s.matters.byService.length === 0} emptyHint="本期还没有问到具体事项的消息。">
          <RowsTable rows={s.matters.byService} cur={cur} prev={prev} id="table-service" />
        </ChartCard>
        <ChartCard title="案件类型（点柱子看案件）" id="chart-kind" option={opts.kind} onClick={rowDrill(s.matters.casesByKind)} empty={s.matters.casesByKind.length === 0} emptyHint="本期没有登记案件。">
          <RowsTable rows={s.matters.casesByKind} cur={cur} prev={prev} id="table-kind" />
        </ChartCard>
        <ChartCard title="案件涉及的事项（点柱子看案件）" id="chart-case-service" option={opts.caseService} onClick={rowDrill(s.matters.casesByService)} empty={s.matters.casesByService.length === 0} emptyHint="本期没有登记案件。">
          <RowsTable rows={s.matters.casesByService} cur={cur} prev={prev} id="table-case-service" />
        </ChartCard>
        <ChartCard title="案件来自哪个村（点柱子看案件）" id="chart-village" option={opts.village} onClick={rowDrill(s.matters.casesByVillage)} empty={s.matters.casesByVillage.length === 0} emptyHint="本期没有登记案件。">
          <RowsTable rows={s.matters.casesByVillage} cur={cur} prev={prev} id="table-village" />
        </ChartCard>
      </div>

      <ChartCard title="各科室办理情况（点柱子看案件）" id="chart-office" option={opts.office} onClick={caseDrill(c.byOffice)} empty={c.byOffice.length === 0} emptyHint="本期各科室没有案件。">
        <CaseRowsTable rows={c.byOffice} id="table-office" first="科室" />
      </ChartCard>
      <ChartCard title="首问责任人办理情况（点柱子看案件）" id="chart-responder" option={opts.responder} onClick={caseDrill(c.byFirstResponder)} empty={c.byFirstResponder.length === 0} emptyHint="本期没有首问责任人经手的案件。">
        <CaseRowsTable rows={c.byFirstResponder} id="table-responder" first="首问责任人" />
      </ChartCard>

      <div class="two">
        <ChartCard title="群众满意度（回访）" id="chart-satisfaction" option={opts.sat} empty={s.satisfaction.total === 0} emptyHint="本期还没有群众回答回访。办结后系统会自动请群众评价。">
          {s.satisfaction.drill?.unsatisfied && s.satisfaction.unsatisfied > 0 ? <a href={drillHref(s.satisfaction.drill.unsatisfied)}>查看不满意的 {s.satisfaction.unsatisfied} 件案件</a> : null}
        </ChartCard>
        <Card title="领导约谈" id="interviews">
          {s.interviews.list.length === 0 ? <Empty title="本期没有举行约谈" hint={`预约 ${s.interviews.booked} 次。`} />
            : <table class="table"><thead><tr><th>案件</th><th>时间</th><th>领导</th><th>科室</th></tr></thead>
              <tbody>{s.interviews.list.map((i) => <tr><td><a href={`#/cases/${encodeURIComponent(i.caseNumber)}`}>{i.caseNumber}</a></td><td>{fmtTime(i.heldAt)}</td><td>{i.leader ?? '—'}</td><td>{i.office ?? '—'}</td></tr>)}</tbody></table>}
        </Card>
      </div>

      <Card title={`没答上的问题（${s.unanswered.total}）`} id="stats-unanswered"
        actions={<><a class="btn small" href={`/api/admin/unanswered/export?period=${encodeURIComponent(s.period.key)}&format=csv`} download>导出 CSV</a>
          <a class="btn small" href={`/api/admin/unanswered/export?period=${encodeURIComponent(s.period.key)}&format=xlsx`} download>导出 Excel</a></>}>
        <p class="muted">群众问了、机器人没能回答的问题（已隐去个人信息）。常见的请在“模板”里补充，或在该事项的“常见问题”里加上问法和回答。</p>
        {s.unanswered.questions.length === 0 ? <Empty title="本期没有答不上的问题" /> : (
          <table class="table" id="table-unanswered"><thead><tr><th>问题</th><th>次数</th><th>事项</th><th>原因</th><th>最近一次</th></tr></thead>
            <tbody>{s.unanswered.questions.map((q) => <tr><td>{q.text}</td><td>{q.count}</td><td>{q.serviceLabel ?? '—'}</td><td>{q.reasonLabel ?? '—'}</td><td>{fmtTime(q.lastAt)}</td></tr>)}</tbody></table>)}
      </Card>
    </>
  );
}

function ChartCard(props: { title: string; id: string; option: unknown; onClick?: (series: number, index: number) => void; empty: boolean; emptyHint: string; children?: ComponentChildren }) {
  return (
    <Card title={props.title} class="chart-card">
      {props.empty ? <Empty title="本期没有数据" hint={props.emptyHint} /> : <Chart id={props.id} option={props.option} onClick={props.onClick} />}
      {!props.empty && props.children ? <details class="chart-data" id={props.id + "-data"}><summary>查看数据</summary>{props.children}</details> : null}
    </Card>
  );
}

function RowsTable(props: { rows: Row[]; cur: string; prev: string; id: string }) {
  return (
    <table class="table" id={props.id}><thead><tr><th>项目</th><th>{props.cur}</th><th>{props.prev}</th></tr></thead>
      <tbody>{props.rows.map((r) => <tr data-key={r.key}><td>{r.label}</td><td>{r.drill ? <a class="drill" href={drillHref(r.drill)}>{r.count}</a> : r.count}</td><td>{r.previous ?? '—'}</td></tr>)}</tbody></table>
  );
}

function CaseRowsTable(props: { rows: CaseRowStat[]; id: string; first: string }) {
  return (
    <table class="table" id={props.id}><thead><tr><th>{props.first}</th>{CASE_SERIES.map((k) => <th>{k.label}</th>)}</tr></thead>
      <tbody>{props.rows.map((r) => (
        <tr data-key={r.key}><td>{r.label}{r.office && r.office !== r.label ? <span class="muted">（{r.office}）</span> : null}</td>
          {CASE_SERIES.map((k) => <td data-series={k.key}><a class="drill" href={drillHref(r.drill[k.key])}>{r[k.key]}</a></td>)}</tr>))}</tbody></table>
  );
}
