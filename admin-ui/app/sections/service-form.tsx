import type { ComponentChildren } from 'preact';
import { Field } from '../ui/kit.js';
import { LinesInput, ListEditor } from '../ui/list-editor.js';
import { CATEGORY_LABELS, FORM_LABELS, isPending, newId, SEEDS, type ServiceContent } from './service-model.js';

export interface OfficeInfo { code: string; name: string; address: string; hours: string; phone: string }

interface Props {
  value: ServiceContent;
  onChange: (v: ServiceContent) => void;
  offices: OfficeInfo[];
  problems: Record<string, string>;
  readOnly: boolean;
}

/** The form for one service (事项): every part of templates/services/<id>.yml, without YAML. */
export function ServiceForm({ value: f, onChange, offices, problems, readOnly }: Props) {
  const set = <K extends keyof ServiceContent>(k: K, v: ServiceContent[K]): void => onChange({ ...f, [k]: v });
  const err = (name: string): string | undefined => problems[name];
  const officeSelect = (v: string, on: (code: string) => void, name: string) => (
    <select name={name} value={v} onChange={(e) => on(e.currentTarget.value)}>
      <option value="">请选择</option>
      {offices.some((o) => o.code === v) || !v ? null : <option value={v}>{v}</option>}
      {offices.map((o) => <option value={o.code}>{o.name}</option>)}
    </select>
  );
  const home = offices.find((o) => o.code === f.office);
  return (
    <fieldset class="service-form" id="service-form" disabled={readOnly}>
      <Group title="基本信息">
        <div class="grid2">
          <Field label="事项名称" error={err('name')}><input name="name" value={f.name} onInput={(e) => set('name', e.currentTarget.value)} /></Field>
          <Field label="类别" hint="政策法规可由编辑直接发布；乡镇事务须另一人审核"><select name="category" value={f.category} onChange={(e) => set('category', e.currentTarget.value)}>
            {Object.entries(CATEGORY_LABELS).map(([k, l]) => <option value={k}>{l}</option>)}</select></Field>
        </div>
        <Field label="群众的其他叫法（每行一个）" hint="如：低保户、低保金"><LinesInput name="aliases" value={f.aliases} onChange={(v) => set('aliases', v)} /></Field>
        <Field label="简介" error={err('summary')} wide><textarea name="summary" rows={3} value={f.summary} onInput={(e) => set('summary', e.currentTarget.value)} /></Field>
      </Group>

      <Group title="申请条件" id="sec-eligibility">
        <ListEditor id="eligibility" items={f.eligibility} onChange={(v) => set('eligibility', v)} blank={() => ''} addLabel="添加一条条件" emptyText="还没有条件。"
          row={(t, s, i) => <textarea name={`eligibility.${i}`} rows={2} value={t} onInput={(e) => s(e.currentTarget.value)} />} />
      </Group>

      <Group title="办理材料" id="sec-materials">
        <ListEditor id="materials" rowClass="material-row" items={f.materials} onChange={(v) => set('materials', v)} addLabel="添加一项材料" emptyText="还没有材料。"
          blank={() => ({ id: newId('m'), name: '', aliases: [] })}
          row={(m, s, i) => (
            <div class="grid-material">
              <Field label={`材料 ${i + 1} 名称`} error={err(`materials.${i}.name`)}><input name="material-name" value={m.name} onInput={(e) => s({ ...m, name: e.currentTarget.value })} /></Field>
              <Field label="原件/复印件"><select name="material-form" value={m.form ?? ''} onChange={(e) => s({ ...m, form: e.currentTarget.value || undefined })}>
                {Object.entries(FORM_LABELS).map(([k, l]) => <option value={k}>{l}</option>)}</select></Field>
              <Field label="份数" error={err(`materials.${i}.copies`)}><input name="material-copies" type="number" min={1} value={m.copies ?? ''}
                onInput={(e) => s({ ...m, copies: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })} /></Field>
              <Field label="什么情况下需要（可不填）"><input name="material-condition" value={m.condition ?? ''} onInput={(e) => s({ ...m, condition: e.currentTarget.value })} /></Field>
              <Field label="群众的叫法（每行一个）"><LinesInput name="material-aliases" value={m.aliases} onChange={(v) => s({ ...m, aliases: v })} /></Field>
            </div>
          )} />
        <Field label="材料清单之后的说明（可不填）" wide><input name="materialsNote" value={f.materialsNote ?? ''} onInput={(e) => set('materialsNote', e.currentTarget.value)} /></Field>
      </Group>

      <Group title="办理步骤与经办单位" id="sec-procedure">
        {err('procedure') ? <div class="field-error">{err('procedure')}</div> : null}
        <ListEditor id="procedure" rowClass="step-row" items={f.procedure} onChange={(v) => set('procedure', v)} addLabel="添加一步" blank={() => ({ step: '', office: f.office })}
          row={(st, s, i) => (
            <div class="grid-step">
              <Field label={`第 ${i + 1} 步`} error={err(`procedure.${i}.step`)}><textarea name="step" rows={2} value={st.step} onInput={(e) => s({ ...st, step: e.currentTarget.value })} /></Field>
              <Field label="经办单位" error={err(`procedure.${i}.office`)}>{officeSelect(st.office, (o) => s({ ...st, office: o }), 'step-office')}</Field>
            </div>
          )} />
      </Group>

      <Group title="办理时限" id="sec-time">
        <ListEditor id="timeLimits" items={f.timeLimits} onChange={(v) => set('timeLimits', v)} addLabel="添加一条时限" blank={() => ({ what: '', limit: '' })} emptyText="没有规定时限。"
          row={(t, s, i) => (
            <div class="grid2">
              <Field label="环节" error={err(`timeLimits.${i}.what`)}><input name="limit-what" value={t.what} onInput={(e) => s({ ...t, what: e.currentTarget.value })} /></Field>
              <Field label="时限" error={err(`timeLimits.${i}.limit`)}><input name="limit-limit" value={t.limit} placeholder="如：自收到申请之日起10天内" onInput={(e) => s({ ...t, limit: e.currentTarget.value })} /></Field>
            </div>
          )} />
      </Group>

      <Group title="在哪里办、收费" id="sec-where">
        <div class="grid2">
          <Field label="承办科室（群众到哪里办）" error={err('office')}>{officeSelect(f.office, (o) => set('office', o), 'office')}</Field>
          <Field label="审批机关（可不填）"><input name="approver" value={f.approver ?? ''} onInput={(e) => set('approver', e.currentTarget.value)} /></Field>
        </div>
        {home ? <div class="muted" id="office-where">地点：{home.address} · 办公时间：{home.hours} · 电话：{home.phone}（科室信息在“待填写”和 templates/offices.yml 中维护）</div> : null}
        <Field label="收费" error={err('fee')} wide><input name="fee" value={f.fee} onInput={(e) => set('fee', e.currentTarget.value)} /></Field>
        <Field label="标准与说明（每条一段）" wide>
          <ListEditor id="standards" items={f.standards} onChange={(v) => set('standards', v)} blank={() => ''} addLabel="添加一条"
            row={(t, s, i) => <textarea name={`standards.${i}`} rows={2} value={t} onInput={(e) => s(e.currentTarget.value)} />} />
        </Field>
      </Group>

      <Group title="待填写内容（变量）" id="sec-placeholders">
        <p class="muted">正文里写成 {'{名称}'} 的地方，群众看到的是这里的“内容”；内容还是【待管理员填写：…】时，群众看到的是“未填写时的说法”。</p>
        {Object.keys(f.placeholders).length === 0 ? <div class="muted">本事项没有变量。</div> : null}
        {Object.entries(f.placeholders).map(([k, ph]) => (
          <div class={'placeholder-row' + (isPending(ph.value) ? ' pending' : '')} data-key={k}>
            <div class="ph-key">{'{' + k + '}'} {isPending(ph.value) ? <span class="tag warn">待填写</span> : <span class="tag ok">已填写</span>}</div>
            <div class="grid2">
              <Field label="内容" error={err(`placeholders.${k}.value`)}><textarea name="placeholder-value" rows={2} value={ph.value}
                onInput={(e) => set('placeholders', { ...f.placeholders, [k]: { ...ph, value: e.currentTarget.value } })} /></Field>
              <Field label="未填写时对群众的说法" error={err(`placeholders.${k}.confirm`)}><textarea name="placeholder-confirm" rows={2} value={ph.confirm}
                onInput={(e) => set('placeholders', { ...f.placeholders, [k]: { ...ph, confirm: e.currentTarget.value } })} /></Field>
            </div>
          </div>
        ))}
      </Group>

      <Group title="常见问题" id="sec-faq">
        <ListEditor id="faq" rowClass="faq-row" items={f.faq ?? []} onChange={(v) => set('faq', v)} addLabel="添加一条常见问题" emptyText="还没有常见问题。群众常问而上面没有写到的，可以在这里补充问法和回答。"
          blank={() => ({ id: newId('q'), questions: [], answer: '' })}
          row={(q, s, i) => (
            <div class="grid2">
              <Field label="群众的问法（每行一种）" error={err(`faq.${i}.questions`)}><LinesInput name="faq-questions" rows={3} value={q.questions} onChange={(v) => s({ ...q, questions: v })} /></Field>
              <Field label="回答" error={err(`faq.${i}.answer`)}><textarea name="faq-answer" rows={3} value={q.answer} onInput={(e) => s({ ...q, answer: e.currentTarget.value })} /></Field>
            </div>
          )} />
      </Group>

      <Group title="依据与施行日期" id="sec-basis">
        {err('legalBasis') ? <div class="field-error">{err('legalBasis')}</div> : null}
        <ListEditor id="legalBasis" items={f.legalBasis} onChange={(v) => set('legalBasis', v)} addLabel="添加一条依据" blank={() => ({ seed: '003', article: '' })}
          row={(l, s, i) => (
            <div class="grid-step">
              <Field label="条款" error={err(`legalBasis.${i}.article`)}><input name="basis-article" value={l.article} onInput={(e) => s({ ...l, article: e.currentTarget.value })} /></Field>
              <Field label="制度文件"><select name="basis-seed" value={l.seed} onChange={(e) => s({ ...l, seed: e.currentTarget.value })}>
                {Object.entries(SEEDS).map(([k, t]) => <option value={k}>{t}</option>)}</select></Field>
            </div>
          )} />
        <Field label="施行日期" error={err('effectiveDate')} hint="如 2026-01-01；不确定时写 {effective_date} 并在上面的变量里说明"><input name="effectiveDate" value={f.effectiveDate} onInput={(e) => set('effectiveDate', e.currentTarget.value)} /></Field>
      </Group>

      <Group title="编者备注（不发给群众）" id="sec-notes">
        <ListEditor id="adminNotes" items={f.adminNotes} onChange={(v) => set('adminNotes', v)} blank={() => ''} addLabel="添加一条备注"
          row={(t, s, i) => <textarea name={`adminNotes.${i}`} rows={2} value={t} onInput={(e) => s(e.currentTarget.value)} />} />
      </Group>
    </fieldset>
  );
}

function Group(props: { title: string; id?: string; children: ComponentChildren }) {
  return <div class="form-group" id={props.id}><h3>{props.title}</h3>{props.children}</div>;
}
