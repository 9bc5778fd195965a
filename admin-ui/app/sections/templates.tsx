import { useEffect, useMemo, useState } from 'preact/hooks';
import { explain, fieldProblems, get, post } from '../api.js';
import { go, usePlace } from '../route.js';
import { useSession } from '../session.js';
import { Card, Empty, Field, Loading, Problem, useLoad, useTitle } from '../ui/kit.js';
import { RoleHint } from '../ui/role-hint.js';
import { toast } from '../ui/toast.js';
import { ServiceForm, type OfficeInfo } from './service-form.js';
import { CATEGORY_LABELS, checkService, fromContent, toContent, type ServiceContent } from './service-model.js';
import { History, STATUS, type Version } from './template-history.js';
import { PreviewPanel, type PreviewResult } from './template-preview.js';

interface Summary { key: string; name?: string; label?: string; category: string; latestVersion: number; latestStatus: string; publishedVersion?: number; submitted: number[] }
interface ListReply { templates: Summary[]; offices?: OfficeInfo[] }

const GROUPS: [string, string][] = [['service:', '办事服务'], ['system:', '系统消息'], ['', '其他']];

/** 模板: every answer the bot gives, listed by Chinese name, edited in a form, previewed as villagers see it. */
export function Templates() {
  useTitle('模板');
  const place = usePlace();
  const selected = place.rest[0];
  const [search, setSearch] = useState('');
  const list = useLoad(() => get<ListReply>('/api/admin/templates'), []);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (list.data?.templates ?? []).filter((t) => !q || [t.name, t.label, t.key].some((x) => (x ?? '').toLowerCase().includes(q)));
  }, [list.data, search]);
  return (
    <div class="split">
      <Card title="模板" class="side">
        <input id="tpl-search" type="search" placeholder="搜索：低保、欢迎语……" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        {list.loading && !list.data ? <Loading /> : null}
        <Problem text={list.error} />
        {list.data && shown.length === 0 ? <Empty title="没有找到模板" hint="换个词试试，例如事项名称“低保”或“欢迎语”。" /> : null}
        <div id="tpl-list">
          {GROUPS.map(([prefix, title]) => {
            const rows = shown.filter((t) => (prefix ? t.key.startsWith(prefix) : !GROUPS.some(([p]) => p && t.key.startsWith(p))));
            return rows.length ? (
              <div class="tpl-group"><h3>{title}</h3>
                <ul class="list">{rows.map((t) => (
                  <li data-key={t.key} class={t.key === selected ? 'sel' : ''} onClick={() => go('templates', [t.key])}>
                    <div class="name">{t.name ?? t.label ?? t.key}</div>
                    <div class="meta">{t.latestStatus !== 'published' ? <span class={'st ' + t.latestStatus}>{STATUS[t.latestStatus]}</span> : null}
                      {t.submitted.length ? <span class="st submitted">{t.submitted.length} 个版本待审核</span> : null}</div>
                  </li>))}</ul>
              </div>
            ) : null;
          })}
        </div>
      </Card>
      <div class="main-col">
        <RoleHint roles={['editor']} doing="修改模板" />
        {selected && list.data
          ? <Editor key={selected} tkey={selected} summary={list.data.templates.find((t) => t.key === selected)} offices={list.data.offices ?? []} onSaved={list.reload} />
          : <Card><Empty id="tpl-empty" title="请从左侧选择一个模板" hint="办事服务是群众问政策、问材料时的回答；系统消息是欢迎语、帮助等。改完先预览，再保存草稿、提交审核，审核通过后群众就能看到。" /></Card>}
      </div>
    </div>
  );
}

function Editor(props: { tkey: string; summary?: Summary; offices: OfficeInfo[]; onSaved: () => void }) {
  const s = useSession();
  const canEdit = s.me.roles.includes('editor');
  const isService = props.tkey.startsWith('service:');
  const hist = useLoad(() => get<{ versions: Version[] }>(`/api/admin/templates/${encodeURIComponent(props.tkey)}`), [props.tkey]);
  const [loadedVersion, setLoadedVersion] = useState<number | null>(null);
  const [form, setForm] = useState<ServiceContent | null>(null);
  const [hadFaq, setHadFaq] = useState(false);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [summaryProblem, setSummaryProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewResult | null>(null);

  const versions = hist.data?.versions ?? [];
  const category = versions[versions.length - 1]?.category ?? props.summary?.category ?? 'town';
  const load = (v: Version): void => {
    setLoadedVersion(v.version);
    if (isService) { setForm(fromContent(v.content)); setHadFaq(Array.isArray((v.content as { faq?: unknown })?.faq)); } else setText(typeof v.content === 'string' ? v.content : '');
    setProblems({}); setSummaryProblem(null); setPreview(null);
  };
  useEffect(() => {
    if (!hist.data || loadedVersion !== null) return;
    const vs = hist.data.versions;
    const pick = [...vs].reverse().find((v) => v.status === 'published') ?? vs[vs.length - 1];
    if (pick) load(pick);
  }, [hist.data]);

  const content = (): unknown | undefined => {
    if (!isService) {
      if (!text.trim()) { setProblems({ text: '消息内容不能为空' }); setSummaryProblem('请填写消息内容'); return undefined; }
      return text;
    }
    if (!form) return undefined;
    const found = checkService(form);
    setProblems(Object.fromEntries(found.map((p) => [p.field, p.message])));
    if (found.length) { setSummaryProblem(`还有 ${found.length} 处需要修改：` + found.slice(0, 3).map((p) => p.message).join('；') + (found.length > 3 ? '……' : '')); return undefined; }
    return toContent(form, hadFaq);
  };
  const serverProblem = (err: unknown): void => { setProblems(fieldProblems(err)); setSummaryProblem(explain(err)); };
  const doPreview = async (): Promise<void> => {
    const c = content();
    if (c === undefined) return;
    try {
      setPreview(await post<PreviewResult>(`/api/admin/templates/${encodeURIComponent(props.tkey)}/preview`, { content: c }));
      setSummaryProblem(null);
    } catch (err) { serverProblem(err); }
  };
  const doSave = async (): Promise<void> => {
    const c = content();
    if (c === undefined) return;
    if (!reason.trim()) { setProblems({ ...problems, reason: '请写明这次改了什么（审核人会看到）' }); setSummaryProblem('请填写修改说明'); return; }
    try {
      const v = await post<Version>(`/api/admin/templates/${encodeURIComponent(props.tkey)}/drafts`, { content: c, reason: reason.trim() });
      toast(`已保存为第 ${v.version} 版草稿。请在下方“版本历史”里点“提交审核”。`, true);
      setReason(''); setSummaryProblem(null); setProblems({});
      setLoadedVersion(v.version);
      hist.reload(); props.onSaved();
    } catch (err) { serverProblem(err); }
  };

  if (hist.loading && !hist.data) return <Card><Loading /></Card>;
  return (
    <div id="tpl-panel">
      <Card title={<span id="tpl-title">{props.summary?.name ?? props.summary?.label ?? props.tkey}</span>}
        actions={<span class="muted">{CATEGORY_LABELS[category] ?? category} · 正在查看第 {loadedVersion ?? '—'} 版</span>}>
        <Problem text={hist.error} />
        {isService && form
          ? <ServiceForm value={form} onChange={setForm} offices={props.offices} problems={problems} readOnly={!canEdit} />
          : !isService ? (
            <Field label="消息内容（群众看到的原文；{township} 等变量在预览里会换成实际内容）" error={problems.text} wide>
              <textarea id="tpl-text" rows={8} value={text} disabled={!canEdit} onInput={(e) => setText(e.currentTarget.value)} />
            </Field>
          ) : null}
        {canEdit ? (
          <div class="save-bar">
            <Field label="修改说明（必填，审核人会看到）" error={problems.reason} wide>
              <input id="tpl-reason" value={reason} placeholder="例如：补充办理材料" onInput={(e) => setReason(e.currentTarget.value)} /></Field>
            <div class="buttons">
              <button class="btn" id="btn-preview" onClick={() => void doPreview()}>预览群众看到的样子</button>
              <button class="btn primary" id="btn-draft" onClick={() => void doSave()}>保存为草稿</button>
            </div>
          </div>
        ) : null}
        <div id="edit-problems"><Problem text={summaryProblem} /></div>
        {preview ? <PreviewPanel result={preview} /> : null}
      </Card>
      <Card title="版本历史">
        <History tkey={props.tkey} versions={versions} category={category} onLoad={(n) => { const v = versions.find((x) => x.version === n); if (v) load(v); }}
          onChanged={() => { hist.reload(); props.onSaved(); }} />
      </Card>
    </div>
  );
}
