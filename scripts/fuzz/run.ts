import { buildRequest, FUZZ_SECRETS, type AdminSession, type FuzzRequest, type Target } from './targets.js';
import { mulberry32 } from './values.js';

/** What the corpus got back. `failures` are 5xx answers, stack traces in a body, and requests that hung. */
export interface FuzzReport {
  sent: number;
  byStatus: Record<string, number>;
  byTarget: Record<Target, Record<string, number>>;
  failures: { n: number; target: Target; path: string; status: number | 'timeout'; body: string }[];
}

/** a V8 stack frame ("at fn (file:1:2)") or a Node error dump leaking into a response */
const STACK = /\n\s+at .+(:\d+:\d+\)?|\[native code\])|\bat (async )?[\w.<>]+ \(.*:\d+:\d+\)|node:internal|\/src\/.+\.ts:\d+/;

async function adminSession(baseUrl: string): Promise<AdminSession | undefined> {
  const res = await fetch(`${baseUrl}/api/admin/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: FUZZ_SECRETS.admin.username, password: FUZZ_SECRETS.admin.password }),
  });
  if (res.status !== 200) return undefined;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function send(baseUrl: string, req: FuzzRequest, timeoutMs: number): Promise<{ status: number | 'timeout'; body: string }> {
  try {
    const res = await fetch(baseUrl + req.path, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    if ((err as { name?: string }).name === 'TimeoutError') return { status: 'timeout', body: '' };
    throw err;
  }
}

/**
 * Sends `count` corpus requests (from `seed`) to a running bot, `concurrency` at a time.
 * The same seed and count always produce the same requests.
 */
export async function runFuzz(opts: { baseUrl: string; count: number; seed: number; concurrency?: number; timeoutMs?: number; onProgress?: (done: number) => void }): Promise<FuzzReport> {
  const session = await adminSession(opts.baseUrl);
  const report: FuzzReport = { sent: 0, byStatus: {}, byTarget: { wechat: {}, qq: {}, onebot: {}, telegram: {}, chat: {}, admin: {} }, failures: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < opts.count) {
      const n = next++;
      // one generator per request number: requests do not depend on the order they finish in
      const req = buildRequest(mulberry32(opts.seed * 1_000_003 + n), n, session);
      const { status, body } = await send(opts.baseUrl, req, opts.timeoutMs ?? 20_000);
      report.sent += 1;
      const key = String(status);
      report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
      report.byTarget[req.target][key] = (report.byTarget[req.target][key] ?? 0) + 1;
      if (status === 'timeout' || status >= 500 || STACK.test(body)) {
        report.failures.push({ n, target: req.target, path: req.path.slice(0, 80), status, body: body.slice(0, 300) });
      }
      if (report.sent % 1000 === 0) opts.onProgress?.(report.sent);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, worker));
  return report;
}

/** The report as lines: totals by status, then by target. */
export function formatReport(r: FuzzReport): string[] {
  const statuses = (m: Record<string, number>) => Object.entries(m).sort(([a], [b]) => a.localeCompare(b)).map(([s, c]) => `${s}: ${c}`).join(', ');
  return [
    `sent ${r.sent}; by status — ${statuses(r.byStatus)}`,
    ...Object.entries(r.byTarget).map(([t, m]) => `  ${t.padEnd(8)} ${statuses(m)}`),
    `failures (5xx, stack trace in a body, hung request): ${r.failures.length}`,
    ...r.failures.slice(0, 20).map((f) => `  #${f.n} ${f.target} ${f.path} → ${f.status} ${JSON.stringify(f.body)}`),
  ];
}
