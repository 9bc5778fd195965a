import { useState } from 'preact/hooks';
import { explain, post } from '../api.js';
import { useSession } from '../session.js';
import { Field, Problem } from '../ui/kit.js';
import { toast } from '../ui/toast.js';
import type { CaseDetail } from './case-types.js';

/** The fields each staff action asks for; the same actions as the 工作群 commands (接单、转办、回复、办结、延期、否定、批准、驳回). */
const ACTIONS: Record<string, { label: string; fields: { name: string; label: string; kind?: 'text' | 'number' | 'office' }[]; danger?: boolean }> = {
  take: { label: '接单', fields: [] },
  reply: { label: '回复群众', fields: [{ name: 'text', label: '回复内容（群众会收到这段话）', kind: 'text' }] },
  transfer: { label: '转办', fields: [{ name: 'office', label: '转给哪个科室', kind: 'office' }, { name: 'reason', label: '转办原因' }] },
  close: { label: '办结', fields: [{ name: 'result', label: '办理结果（会告知群众）', kind: 'text' }] },
  extend: { label: '申请延期', fields: [{ name: 'days', label: '延长几个工作日', kind: 'number' }, { name: 'reason', label: '延期原因' }] },
  reject: { label: '否定报备', fields: [{ name: 'reason', label: '不予办理的理由', kind: 'text' }, { name: 'basis', label: '依据' }], danger: true },
  approve: { label: '批准', fields: [] },
  refuse: { label: '驳回', fields: [{ name: 'reason', label: '驳回理由' }], danger: true },
};

/** The buttons for what this user may do on the case now (the server says which), each with its little form. */
export function CaseActions(props: { detail: CaseDetail; onDone: (d: CaseDetail) => void }) {
  const s = useSession();
  const [open, setOpen] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = (props.detail.actions ?? []).filter((a) => a in ACTIONS);
  if (allowed.length === 0) return <div class="muted" id="case-no-actions">您现在对本案没有可办理的操作。</div>;
  const spec = open ? ACTIONS[open] : undefined;
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!open || !spec) return;
    const body: Record<string, unknown> = { action: open };
    for (const f of spec.fields) {
      const v = (values[f.name] ?? '').trim();
      if (!v) { setProblem(`请填写“${f.label}”`); return; }
      if (f.kind === 'number' && !(Number.isInteger(Number(v)) && Number(v) > 0)) { setProblem(`“${f.label}”应为正整数`); return; }
      body[f.name] = f.kind === 'number' ? Number(v) : v;
    }
    setBusy(true); setProblem(null);
    try {
      const r = await post<{ message?: string; case: CaseDetail }>(`/api/admin/cases/${encodeURIComponent(props.detail.case.number)}/actions`, body);
      toast(r.message || `已${spec.label}`, true);
      setOpen(null); setValues({});
      props.onDone(r.case);
    } catch (err) { setProblem(explain(err)); } finally { setBusy(false); }
  };
  return (
    <div class="case-actions" id="case-actions">
      <div class="buttons">
        {allowed.map((a) => (
          <button class={'btn ' + (ACTIONS[a]!.danger ? 'danger' : a === 'take' || a === 'reply' ? 'primary' : '')} data-action={a}
            onClick={() => { setOpen(a); setProblem(null); if (ACTIONS[a]!.fields.length === 0) setValues({}); }}>{ACTIONS[a]!.label}</button>
        ))}
      </div>
      {open && spec ? (
        <form class="action-form" id="action-form" data-action={open} onSubmit={submit}>
          <h3>{spec.label}</h3>
          {spec.fields.length === 0 ? <p>确认{spec.label}？办理记录会写入本案历史，并像工作群命令一样通知相关人员。</p> : null}
          {spec.fields.map((f) => (
            <Field label={f.label} wide>
              {f.kind === 'text' ? <textarea name={f.name} rows={3} value={values[f.name] ?? ''} onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })} />
                : f.kind === 'office' ? (
                  <select name={f.name} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}>
                    <option value="">请选择科室</option>{s.labels.offices.map((o) => <option value={o.code}>{o.name}</option>)}</select>)
                : <input name={f.name} type={f.kind === 'number' ? 'number' : 'text'} value={values[f.name] ?? ''} onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })} />}
            </Field>
          ))}
          <button class="btn primary" type="submit" id="action-submit" disabled={busy}>确认{spec.label}</button>
          <button class="btn" type="button" onClick={() => setOpen(null)}>取消</button>
          <Problem text={problem} />
        </form>
      ) : null}
    </div>
  );
}
