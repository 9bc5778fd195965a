import { useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { useSession } from '../session.js';
import { act, Card, Empty, Field, fmtTime, Loading, Problem, useLoad, useTitle } from '../ui/kit.js';

interface Day { date: string; weekday: number; kind: 'holiday' | 'workday'; source: string; packageKind?: string }
interface Override { date: string; note: string; createdBy: string; updatedAt: string }
interface Year { year: number; covered: boolean; coveredBy?: string; confirmation?: { confirmedBy: string; at: string; note?: string }; days: Day[]; overrides: Override[] }

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const defaultYear = (): string => String(new Date().getFullYear() + (new Date().getMonth() >= 10 ? 1 : 0));

/** 节假日: the year's holidays and 调休 working days; admins correct a day and confirm the year. */
export function Calendar() {
  useTitle('节假日');
  const s = useSession();
  const admin = s.me.roles.includes('admin');
  const [input, setInput] = useState(defaultYear());
  const [year, setYear] = useState(defaultYear());
  const r = useLoad(() => get<Year>(`/api/admin/calendar?year=${encodeURIComponent(year)}`), [year]);
  const [day, setDay] = useState({ date: '', kind: 'holiday', note: '' });
  const [confirmNote, setConfirmNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const show = (e: Event): void => {
    e.preventDefault();
    if (!/^\d{4}$/.test(input.trim())) { setProblem('年份须为四位数字，如 2027'); return; }
    setProblem(null); setYear(input.trim()); r.reload();
  };
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date.trim())) { setProblem('日期请写成 2027-02-05 这样'); return; }
    setProblem(null);
    if (await act(() => post('/api/admin/calendar/overrides', { ...day, date: day.date.trim() }), '已保存，各处几秒内生效') !== undefined) {
      setDay({ date: '', kind: 'holiday', note: '' }); setInput(day.date.slice(0, 4)); setYear(day.date.slice(0, 4)); r.reload();
    }
  };
  const remove = async (date: string): Promise<void> => {
    if (!confirm(`删除 ${date} 的更正？`)) return;
    if (await act(() => api('DELETE', `/api/admin/calendar/overrides/${encodeURIComponent(date)}`), '已删除，各处几秒内生效') !== undefined) r.reload();
  };
  const confirmYear = async (): Promise<void> => {
    if (!confirm(`确认 ${year} 年的放假和调休安排已全部录入？`)) return;
    if (await act(() => post(`/api/admin/calendar/years/${encodeURIComponent(year)}/confirm`, { note: confirmNote }), '已确认') !== undefined) { setConfirmNote(''); r.reload(); }
  };
  const byDate = new Map((r.data?.overrides ?? []).map((o) => [o.date, o]));
  return (
    <div id="calendar">
      <Card title="节假日与调休">
        <form id="cal-year-form" class="inline-form" onSubmit={show}>
          <Field label="年份"><input id="cal-year" inputMode="numeric" value={input} onInput={(e) => setInput(e.currentTarget.value)} /></Field>
          <button class="btn primary" type="submit">查看</button>
        </form>
        <Problem text={problem ?? r.error} />
        {r.loading && !r.data ? <Loading /> : null}
        {r.data ? (r.data.covered
          ? <div id="cal-covered" class="ok-line">{r.data.year} 年节假日数据完整（{r.data.coveredBy === 'package' ? '内置数据' : `已由 ${r.data.confirmation?.confirmedBy} 于 ${fmtTime(r.data.confirmation?.at)} 确认${r.data.confirmation?.note ? '：' + r.data.confirmation.note : ''}`}）</div>
          : <div id="cal-uncovered" class="warn-line">{r.data.year} 年尚无节假日数据：落在该年的办理时限按周一至周五计算并标为“未覆盖”。请录入国务院公布的安排后确认。</div>) : null}
        {r.data && r.data.days.length === 0 ? <Empty title="这一年还没有放假或调休的日子" hint={admin ? '在下面“更正某一天”里逐日录入。' : '请管理员录入。'} /> : null}
        {r.data && r.data.days.length ? (
          <table class="table" id="cal-days"><thead><tr><th>日期</th><th>星期</th><th>安排</th><th>来源</th><th>说明</th><th>录入人</th><th>操作</th></tr></thead>
            <tbody>{r.data.days.map((d) => {
              const o = byDate.get(d.date);
              return (
                <tr data-date={d.date}><td>{d.date}</td><td>周{WEEKDAY[d.weekday]}</td><td>{d.kind === 'holiday' ? '放假' : '上班'}</td>
                  <td>{d.source === 'override' ? `管理员更正${d.packageKind ? `（原为${d.packageKind === 'holiday' ? '放假' : '上班'}）` : ''}` : '内置数据'}</td>
                  <td>{o?.note ?? ''}</td><td>{o ? `${o.createdBy} ${fmtTime(o.updatedAt)}` : ''}</td>
                  <td>{o && admin ? <button class="btn small danger" onClick={() => void remove(d.date)}>删除更正</button> : null}</td></tr>);
            })}</tbody></table>) : null}
      </Card>
      {admin ? (
        <>
          <Card title="更正某一天">
            <form id="cal-override-form" class="inline-form" onSubmit={save}>
              <Field label="日期"><input id="cal-date" placeholder="2027-02-05" value={day.date} onInput={(e) => setDay({ ...day, date: e.currentTarget.value })} /></Field>
              <Field label="安排"><select id="cal-kind" value={day.kind} onChange={(e) => setDay({ ...day, kind: e.currentTarget.value })}><option value="holiday">放假</option><option value="workday">上班（调休）</option></select></Field>
              <Field label="说明"><input id="cal-note" maxLength={200} placeholder="例如：春节" value={day.note} onInput={(e) => setDay({ ...day, note: e.currentTarget.value })} /></Field>
              <button class="btn primary" type="submit">保存</button>
            </form>
          </Card>
          <Card title="确认全年已录入">
            <p class="muted">国务院办公厅每年11—12月公布次年节假日安排。把放假和调休上班的日子逐一录入后，确认该年，该年的办理时限才算有据可依。</p>
            <Field label="说明" wide><input id="cal-confirm-note" maxLength={200} placeholder="例如：国办发明电〔2026〕×号" value={confirmNote} onInput={(e) => setConfirmNote(e.currentTarget.value)} /></Field>
            <button class="btn primary" id="cal-confirm" onClick={() => void confirmYear()}>确认 {year} 年已全部录入</button>
          </Card>
        </>
      ) : null}
    </div>
  );
}
