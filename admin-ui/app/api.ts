/** The admin API as the console calls it: the session cookie rides along, non-GET requests carry the CSRF token. */

export interface ApiErrorBody { code: string; message: string; details?: unknown }

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number, readonly body: ApiErrorBody | undefined) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

let csrfToken = '';
let onLoggedOut: () => void = () => undefined;

export function setCsrf(token: string): void { csrfToken = token; }
/** Called when any request answers 401 (the session ended): the app shows the login form. */
export function whenLoggedOut(fn: () => void): void { onLoggedOut = fn; }

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'network', message: '连不上服务器，请检查网络后重试' });
  }
  const data = (await res.json().catch(() => ({}))) as { error?: ApiErrorBody };
  if (!res.ok) {
    if (res.status === 401 && !path.endsWith('/login') && !path.endsWith('/me')) onLoggedOut();
    throw new ApiError(res.status, data.error);
  }
  return data as T;
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown): Promise<T> => api<T>('POST', path, body ?? {});

/** Chinese sentences for the codes the older endpoints answer with English messages. */
const CODES: Record<string, string> = {
  bad_credentials: '用户名或密码错误', locked: '登录失败次数过多，账号暂时锁定，请 15 分钟后再试', not_logged_in: '请先登录',
  forbidden: '没有权限做这件事', csrf: '页面已过期，请刷新后重试', same_person: '不能审核自己写的版本，需要另一位审核人',
  not_policy: '只有政策法规类可以不经审核直接发布', invalid_content: '内容不完整或格式不对，请按提示修改', invalid_state: '该版本当前的状态不允许这样操作',
  comment_required: '请填写审核意见', bad_content_text: '内容格式有误', render_failed: '预览生成失败，请检查内容', not_found: '没有找到',
  duplicate: '这个用户名已经有人用了', bad_date: '日期须为真实存在的日期，格式如 2027-02-05', bad_year: '年份须为四位数字',
  body_too_large: '内容太长', bad_json: '提交的数据有误，请刷新后重试', internal: '服务器出错了，请稍后再试；问题已记录',
};

const hasChinese = (s: string): boolean => /[\u4e00-\u9fff]/.test(s);

/** One Chinese sentence for a failed request, with the field problems when the server gave them. */
export function explain(err: unknown): string {
  if (!(err instanceof ApiError)) return '操作失败：' + String((err as Error)?.message ?? err);
  const b = err.body;
  if (!b) return err.status >= 500 ? CODES.internal! : `请求失败（${err.status}）`;
  const main = hasChinese(b.message) ? b.message : (CODES[b.code] ?? `请求失败（${b.code}）`);
  return main + detailText(b.details);
}

function detailText(details: unknown): string {
  if (!Array.isArray(details) || details.length === 0) return '';
  const parts = details.map((d) => (typeof d === 'string' ? d : typeof d === 'object' && d ? String((d as { message?: unknown }).message ?? '') : ''))
    .filter((s) => s && hasChinese(s));
  return parts.length ? '：' + parts.join('；') : '';
}

/** Field → Chinese message, from a `details: [{field, message}]` validation answer. */
export function fieldProblems(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError && Array.isArray(err.body?.details)) {
    for (const d of err.body.details as { field?: string; message?: string }[]) if (d?.field && d.message) out[d.field] = d.message;
  }
  return out;
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? '?' + s : '';
}
