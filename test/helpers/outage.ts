import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { freePort } from '../../src/db/embedded-server.js';
import { startFakeWechatApi } from './fake-wechat-api.js';
import { WechatTestClient } from './wechat-client.js';

/**
 * The outage drill used by test/integration/durability/outage.test.ts and `npm run bench:outage`:
 * the real bot (src/main.ts) on its own embedded database, WeChat in safe mode with the customer-service
 * API pointed at the local fake; villagers write through /wechat at a steady rate (each a different
 * villager, one message each), and mid-way the database process gets SIGKILL or SIGSTOP.
 */
export interface OutageOptions {
  signal: 'SIGKILL' | 'SIGSTOP';
  trickleSeconds: number;
  perSecond: number;
  /** when the signal is sent, seconds into the trickle */
  faultAtSeconds: number;
  /** SIGSTOP: SIGCONT after this long if nobody killed the process meanwhile */
  stoppedForSeconds?: number;
  /** how long to wait for the last answers after the trickle */
  settleSeconds?: number;
}

export interface OutageResult {
  messages: number;
  /** answered in the passive reply */
  passive: number;
  /** answered through the customer-service API (after the spool replay, or late) */
  pushed: number;
  /** told 「已收到…稍后发给您」 */
  notices: number;
  /** villagers who got their answer more than once, or never */
  twice: string[];
  unanswered: string[];
  /** an apology or an HTTP error instead of an answer */
  failures: string[];
  /** ms from the signal until /healthz showed the database up again with one more restart */
  backAfterMs: number | undefined;
  restarts: number;
  pids: { before: number; after: number };
  /** ms from the last message until every answer was in */
  settledAfterMs: number;
}

const TOKEN = 'outagetoken';
const APPID = 'wx_outage_drill';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const QUESTION = '低保怎么申请';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const systemText = (key: string): string => String((parse(readFileSync('templates/system.yml', 'utf8')) as Record<string, string>)[key]).trim();

function databasePid(dataDir: string): number {
  return (JSON.parse(readFileSync(path.join(dataDir, 'db-server.json'), 'utf8')) as { pid: number }).pid;
}

interface Health { status: number; state?: string; restarts?: number }
async function health(url: string): Promise<Health> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as { database?: { state?: string; restarts?: number } };
    return { status: res.status, state: body.database?.state, restarts: body.database?.restarts };
  } catch {
    return { status: 0 }; // not listening yet
  }
}

async function startBot(dataDir: string, port: number, apiBase: string): Promise<ChildProcess> {
  const log = createWriteStream(path.join(dataDir, 'bot.log'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, CACHE_DIR: path.resolve('.cache'),
      MONGODB_URI: '', LOG_LEVEL: 'warn', WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: AES_KEY,
      WECHAT_APPSECRET: 'outage-secret', WECHAT_API_BASE: apiBase,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}; see ${dataDir}/bot.log`);
    if ((await health(url)).status === 200) return child;
    await sleep(100);
  }
  throw new Error('bot did not become ready in 120 s');
}

async function stopBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Watches /healthz until the database is up with more restarts than `before`; ms from `since`. */
async function watchRecovery(url: string, before: number, since: () => number | undefined, until: () => boolean): Promise<{ ms?: number; restarts: number }> {
  for (;;) {
    const h = await health(url);
    const t0 = since();
    if (t0 !== undefined && h.state === 'up' && (h.restarts ?? 0) > before) return { ms: Date.now() - t0, restarts: h.restarts ?? 0 };
    if (until()) return { restarts: h.restarts ?? 0 };
    await sleep(100);
  }
}

export async function runOutage(o: OutageOptions): Promise<OutageResult> {
  const api = await startFakeWechatApi();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-outage-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startBot(dataDir, port, api.url);
  const notice = systemText('spooled_received');
  const apology = systemText('apology');
  const wx = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
  const run = Date.now();
  const count = Math.round(o.trickleSeconds * o.perSecond);
  const user = (i: number) => `openid-outage-${run}-${i}`;
  try {
    const before = (await health(url)).restarts ?? 0;
    const pidBefore = databasePid(dataDir);
    let faultAt: number | undefined;
    let done = false;
    const recovery = watchRecovery(url, before, () => faultAt, () => done);
    const fault = sleep(o.faultAtSeconds * 1000).then(async () => {
      faultAt = Date.now();
      process.kill(pidBefore, o.signal);
      if (o.signal === 'SIGSTOP') {
        await sleep((o.stoppedForSeconds ?? 30) * 1000);
        try { process.kill(pidBefore, 'SIGCONT'); } catch { /* killed and replaced by the supervisor, as it should be */ }
      }
    });
    const started = Date.now();
    const replies: Promise<{ i: number; status: number; content?: string }>[] = [];
    for (let i = 0; i < count; i++) {
      await sleep(Math.max(0, started + (i * 1000) / o.perSecond - Date.now()));
      const req = wx.buildRequest(wx.textXml(user(i), QUESTION, `${run}${String(i).padStart(5, '0')}`));
      replies.push(fetch(url + req.path, { method: 'POST', body: req.body, signal: AbortSignal.timeout(10_000) })
        .then(async (res) => ({ i, status: res.status, content: wx.parseReply(await res.text())?.content }))
        .catch(() => ({ i, status: 0 })));
    }
    const passive = await Promise.all(replies);
    const lastSent = Date.now();
    const answered = (i: number): number => {
      const p = passive[i];
      const mine = api.sent().filter((s) => s.touser === user(i) && s.content !== notice);
      return (p?.content && p.content !== notice ? 1 : 0) + mine.length;
    };
    const settleBy = Date.now() + (o.settleSeconds ?? 90) * 1000;
    while (Date.now() < settleBy && passive.some((_, i) => answered(i) === 0)) await sleep(250);
    const settledAfterMs = Date.now() - lastSent;
    await sleep(1500); // an answer sent twice would arrive now
    done = true;
    await fault;
    const { ms, restarts } = await recovery;
    const real = (c: string | undefined) => c !== undefined && c !== '' && c !== notice;
    return {
      messages: count,
      passive: passive.filter((p) => real(p.content)).length,
      pushed: api.sent().filter((s) => s.content !== notice && s.touser.startsWith(`openid-outage-${run}-`)).length,
      notices: passive.filter((p) => p.content === notice).length + api.sent().filter((s) => s.content === notice).length,
      twice: passive.filter((_, i) => answered(i) > 1).map((p) => user(p.i)),
      unanswered: passive.filter((_, i) => answered(i) === 0).map((p) => user(p.i)),
      failures: [
        ...passive.filter((p) => p.status !== 200 || p.content === apology).map((p) => `${user(p.i)}: HTTP ${p.status}`),
        ...api.sent().filter((s) => s.content === apology).map((s) => `${s.touser}: apology pushed`),
      ],
      backAfterMs: ms,
      restarts,
      pids: { before: pidBefore, after: databasePid(dataDir) },
      settledAfterMs,
    };
  } finally {
    await stopBot(child);
    await api.close();
    if (!process.env.KEEP_OUTAGE_DIR) rmSync(dataDir, { recursive: true, force: true });
  }
}
