import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { useSession } from '../session.js';
import { act, fmtTime } from '../ui/kit.js';

export interface Version {
  key: string; version: number; status: string; category: string; author: string; reason: string; reasonLabel?: string; content: unknown;
  reviewer?: string; reviewComment?: string; createdAt: string; publishedAt?: string; rollbackOf?: number; submittedBy?: string;
}
export interface DiffLine { op: 'added' | 'removed' | 'same'; line: string }

export const STATUS: Record<string, string> = { draft: '草稿', submitted: '待审核', approved: '已通过', rejected: '已驳回', published: '已发布', superseded: '已被替换' };
const SEED_REASON = 'imported from templates/';
export const reasonText = (r: string): string => (r === SEED_REASON ? '系统初始导入（templates/ 文件）' : r);

export function DiffView(props: { lines: DiffLine[] }) {
  return <pre class="diff">{props.lines.map((l) => <span class={l.op}>{(l.op === 'added' ? '+ ' : l.op === 'removed' ? '- ' : '  ') + l.line}</span>)}</pre>;
}

/** The versions of one template, newest first, with what this user may do to each. */
export function History(props: { tkey: string; versions: Version[]; category: string; onChanged: () => void; onLoad: (v: number) => void }) {
  const s = useSession();
  const [diff, setDiff] = useState<{ a: number; b: number; lines: DiffLine[] } | null>(null);
  const base = `/api/admin/templates/${encodeURIComponent(props.tkey)}`;
  const editor = s.me.roles.includes('editor');
  const published = [...props.versions].reverse().find((v) => v.status === 'published');
  const run = async (path: string, ok: string, body?: unknown): Promise<void> => { if (await act(() => post(base + path, body), ok)) props.onChanged(); };
  const showDiff = async (a: number, b: number): Promise<void> => {
    const r = await act(() => get<{ lines: DiffLine[] }>(`${base}/diff?a=${a}&b=${b}`));
    if (r) setDiff({ a, b, lines: r.lines });
  };
  const rollback = async (v: number): Promise<void> => {
    const reason = prompt(`回滚到第 ${v} 版的原因（回滚同样需要审核）：`);
    if (reason && reason.trim()) await run('/rollback', '已生成回滚草稿，请提交审核', { toVersion: v, reason });
  };
  return (
    <div>
      <table class="table" id="history">
        <thead><tr><th>版本</th><th>状态</th><th>作者</th><th>修改说明</th><th>审核</th><th>时间</th><th>操作</th></tr></thead>
        <tbody>
          {[...props.versions].reverse().map((v) => (
            <tr data-version={v.version}>
              <td>第 {v.version} 版{v.rollbackOf ? <div class="muted">回滚自第 {v.rollbackOf} 版</div> : null}</td>
              <td><span class={'st ' + v.status}>{STATUS[v.status] ?? v.status}</span></td>
              <td>{v.author === 'seed' ? '系统' : v.author}</td>
              <td>{v.reasonLabel ?? reasonText(v.reason)}</td>
              <td>{v.reviewer ?? '—'}{v.reviewComment ? <div class="muted">意见：{v.reviewComment}</div> : null}</td>
              <td>{fmtTime(v.createdAt)}{v.publishedAt ? <div class="muted">发布 {fmtTime(v.publishedAt)}</div> : null}</td>
              <td class="actions">
                <button class="btn small" onClick={() => props.onLoad(v.version)}>载入表单</button>
                {published && published.version !== v.version ? <button class="btn small" onClick={() => void showDiff(published.version, v.version)}>与发布版对比</button> : null}
                {editor && (v.status === 'draft' || v.status === 'rejected')
                  ? <button class="btn small primary" data-action="submit" onClick={() => void run(`/versions/${v.version}/submit`, '已提交审核，请等待审核人审核')}>提交审核</button> : null}
                {editor && props.category === 'policy' && (v.status === 'draft' || v.status === 'submitted')
                  ? <button class="btn small" data-action="publish" onClick={() => void run(`/versions/${v.version}/publish`, '已发布')}>直接发布</button> : null}
                {editor && v.status === 'superseded' ? <button class="btn small danger" onClick={() => void rollback(v.version)}>回滚到此版</button> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff ? <div id="diff-card"><h3>第 {diff.a} 版 → 第 {diff.b} 版</h3><DiffView lines={diff.lines} /></div> : null}
    </div>
  );
}
