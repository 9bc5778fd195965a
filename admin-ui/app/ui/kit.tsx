import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { explain } from '../api.js';
import { toast } from './toast.js';

/** Loads once per `deps` change; `reload()` to fetch again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: string | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then((d) => { if (live) { setData(d); setError(null); } }, (err: unknown) => { if (live) setError(explain(err)); })
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [...deps, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((n) => n + 1), []) };
}

/** Runs an action, shows the outcome as a toast, returns the result (undefined when refused). */
export async function act<T>(run: () => Promise<T>, okText?: string): Promise<T | undefined> {
  try {
    const r = await run();
    if (okText) toast(okText, true);
    return r;
  } catch (err) {
    toast(explain(err), false);
    return undefined;
  }
}

export function Card(props: { title?: ComponentChildren; children?: ComponentChildren; id?: string; class?: string; actions?: ComponentChildren }) {
  return (
    <section class={'card ' + (props.class ?? '')} id={props.id}>
      {props.title || props.actions ? <div class="card-head"><h2>{props.title}</h2><div class="card-actions">{props.actions}</div></div> : null}
      {props.children}
    </section>
  );
}

/** What to show when a list is empty: what it means and what to do about it. */
export function Empty(props: { title: string; hint?: ComponentChildren; id?: string }) {
  return <div class="empty" id={props.id}><div class="empty-title">{props.title}</div>{props.hint ? <div class="empty-hint">{props.hint}</div> : null}</div>;
}

export function Loading() { return <div class="loading">正在加载……</div>; }
export function Problem(props: { text: string | null }) { return props.text ? <div class="problem" role="alert">{props.text}</div> : null; }

export function Pager(props: { page: number; pages: number; total: number; onPage: (p: number) => void }) {
  const { page, pages, total } = props;
  if (total === 0) return null;
  return (
    <div class="pager" id="pager">
      <span>共 {total} 条，第 {page} / {Math.max(pages, 1)} 页</span>
      <button class="btn small" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>上一页</button>
      <button class="btn small" id="pager-next" disabled={page >= pages} onClick={() => props.onPage(page + 1)}>下一页</button>
    </div>
  );
}

export function Field(props: { label: string; children: ComponentChildren; error?: string; hint?: string; wide?: boolean }) {
  return (
    <label class={'field' + (props.wide ? ' wide' : '') + (props.error ? ' has-error' : '')}>
      <span class="field-label">{props.label}</span>
      {props.children}
      {props.error ? <span class="field-error">{props.error}</span> : props.hint ? <span class="field-hint">{props.hint}</span> : null}
    </label>
  );
}

export const dash = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : String(v));
export function fmtTime(t: string | null | undefined): string {
  return t ? new Date(t).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : '—';
}

/** A day as Beijing sees it: YYYY-MM-DD as is, an instant as its Beijing date. */
export function fmtDay(t: string | null | undefined): string {
  if (!t) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
}

/** Sets document.title per section: every tab says where it is. */
export function useTitle(title: string): void {
  useEffect(() => { document.title = `${title} · 阳光农廉助手管理后台`; }, [title]);
}
