import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { useSession } from '../session.js';
import { act, Card, Empty, fmtTime, Loading, Problem, useLoad, useTitle } from '../ui/kit.js';
import { RoleHint } from '../ui/role-hint.js';
import { DiffView, reasonText, type DiffLine, type Version } from './template-history.js';

interface Item { v: Version; name: string; publishedVersion?: number; lines: DiffLine[] | null }

async function loadQueue(): Promise<Item[]> {
  const [{ versions }, list] = await Promise.all([
    get<{ versions: Version[] }>('/api/admin/review-queue'),
    get<{ templates: { key: string; name?: string; label?: string; publishedVersion?: number }[] }>('/api/admin/templates'),
  ]);
  return Promise.all(versions.map(async (v) => {
    const t = list.templates.find((x) => x.key === v.key);
    const pub = t?.publishedVersion;
    const diff = pub ? await get<{ lines: DiffLine[] }>(`/api/admin/templates/${encodeURIComponent(v.key)}/diff?a=${pub}&b=${v.version}`).catch(() => null) : null;
    return { v, name: t?.name ?? t?.label ?? v.key, publishedVersion: pub, lines: diff?.lines ?? null };
  }));
}

/** 审核: versions waiting for a reviewer (谁审核谁负责: the author cannot approve its own). */
export function Review() {
  useTitle('审核');
  const s = useSession();
  const q = useLoad(loadQueue, []);
  return (
    <div id="review-list">
      <RoleHint roles={['reviewer']} doing="审核模板" />
      {q.loading && !q.data ? <Loading /> : null}
      <Problem text={q.error} />
      {q.data && q.data.length === 0
        ? <Card><Empty id="review-empty" title="没有待审核的版本" hint="编辑保存草稿并“提交审核”后，版本会出现在这里。" /></Card> : null}
      {q.data?.map((it) => <ReviewCard item={it} mine={it.v.author === s.me.username} reviewer={s.me.roles.includes('reviewer')} onDone={q.reload} />)}
    </div>
  );
}

function ReviewCard(props: { item: Item; mine: boolean; reviewer: boolean; onDone: () => void }) {
  const { v, name, lines, publishedVersion } = props.item;
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const base = `/api/admin/templates/${encodeURIComponent(v.key)}/versions/${v.version}`;
  const decide = async (what: 'approve' | 'reject'): Promise<void> => {
    if (what === 'reject' && !comment.trim()) { setProblem('驳回时请写明原因，编辑会看到'); return; }
    setProblem(null);
    const ok = await act(() => post(`${base}/${what}`, { comment }), what === 'approve' ? '已通过并发布，群众马上就能看到' : '已驳回');
    if (ok) props.onDone();
  };
  return (
    <Card class="review-card" title={`${name} · 第 ${v.version} 版`}>
      <div data-key={v.key} data-version={v.version} class="card-inner">
        <div class="muted">作者 {v.author} · {fmtTime(v.createdAt)} · 说明：{v.reasonLabel ?? reasonText(v.reason)}{publishedVersion ? ` · 与已发布的第 ${publishedVersion} 版对比：` : ''}</div>
        {lines ? <DiffView lines={lines} /> : <pre class="diff">{typeof v.content === 'string' ? v.content : JSON.stringify(v.content, null, 2)}</pre>}
        {props.reviewer && !props.mine ? (
          <div class="decide">
            <input class="review-comment" value={comment} placeholder="审核意见（驳回时必填）" onInput={(e) => setComment(e.currentTarget.value)} />
            <button class="btn primary" data-action="approve" onClick={() => void decide('approve')}>通过并发布</button>
            <button class="btn danger" data-action="reject" onClick={() => void decide('reject')}>驳回</button>
            <Problem text={problem} />
          </div>
        ) : <div class="muted">{props.mine ? '这是您写的版本，需由另一位审核人审核。' : '只有审核人可以审核。'}</div>}
      </div>
    </Card>
  );
}
