import { get, query } from '../api.js';
import { go, usePlace } from '../route.js';
import { Card, Empty, fmtTime, Loading, Pager, Problem, useLoad, useTitle } from '../ui/kit.js';

interface Record_ { number: string; serviceLabel: string; officeName: string; kindLabel?: string; createdAt: string; channelLabel?: string; items: { id: string; name: string }[] }
interface Reply { items: Record_[]; total: number; page: number; pageSize: number }

/** 告知书: every 一次性告知书 the bot gave (checklist records G…), each printable in duplicate (一式两份). */
export function Checklists() {
  useTitle('一次性告知书');
  const place = usePlace();
  const p = place.params;
  const params = { from: p.get('from'), to: p.get('to'), number: p.get('number'), page: p.get('page') };
  const r = useLoad(() => get<Reply>('/api/admin/checklists' + query(params)), [p.toString()]);
  const submit = (e: Event): void => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const next: Record<string, string> = {};
    for (const k of ['number', 'from', 'to']) { const v = String(f.get(k) ?? '').trim(); if (v) next[k] = v; }
    go('checklists', [], next);
  };
  const exportQs = (format: string): string => '/api/admin/checklists/export' + query({ ...params, page: undefined, format });
  const pages = r.data ? Math.max(1, Math.ceil(r.data.total / r.data.pageSize)) : 1;
  return (
    <div id="checklists">
      <Card title="一次性告知书" actions={<><a class="btn small" href={exportQs('csv')} download>导出 CSV</a><a class="btn small" id="checklists-xlsx" href={exportQs('xlsx')} download>导出 Excel</a></>}>
        <p class="muted">群众问办事材料时，机器人一次性告知全部材料并生成编号（G 开头）。群众到窗口时可按编号打印告知书，一式两份：申请人留存联、经办单位存根联。</p>
        <form class="inline-form" onSubmit={submit}>
          <label class="field"><span class="field-label">编号</span><input name="number" defaultValue={p.get('number') ?? ''} placeholder="G…" /></label>
          <label class="field"><span class="field-label">从</span><input name="from" type="date" defaultValue={p.get('from') ?? ''} /></label>
          <label class="field"><span class="field-label">到</span><input name="to" type="date" defaultValue={p.get('to') ?? ''} /></label>
          <button class="btn primary" type="submit">查询</button>
        </form>
      </Card>
      <Card>
        {r.loading && !r.data ? <Loading /> : null}
        <Problem text={r.error} />
        {r.data && r.data.items.length === 0 ? <Empty title="没有告知书记录" hint="群众在公众号或网页上问“办××要带什么材料”后，这里会出现记录。也可以放宽日期再查。" /> : null}
        {r.data && r.data.items.length ? (
          <table class="table" id="checklist-rows"><thead><tr><th>编号</th><th>事项</th><th>经办单位</th><th>材料</th><th>渠道</th><th>时间</th><th></th></tr></thead>
            <tbody>{r.data.items.map((c) => (
              <tr data-number={c.number}><td>{c.number}</td><td>{c.serviceLabel}</td><td>{c.officeName}</td><td>{c.items.length} 项</td><td>{c.channelLabel ?? '—'}</td><td>{fmtTime(c.createdAt)}</td>
                <td><a class="btn small" href={`/admin/print/checklist/${encodeURIComponent(c.number)}`} target="_blank" rel="noopener">打印（一式两份）</a></td></tr>))}</tbody></table>) : null}
        {r.data ? <Pager page={r.data.page} pages={pages} total={r.data.total} onPage={(n) => go('checklists', [], { ...Object.fromEntries(p), page: String(n) })} /> : null}
      </Card>
    </div>
  );
}
