/**
 * npm run bench:scale [-- --help]
 * A busy township's year on the embedded database: measures /wechat (safe mode) and the admin
 * pages on an empty database, seeds the year directly (bench-scale.seed.ts), measures again, and
 * prints both side by side with where a turn's time goes (from the turns' own traces).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import mongoose from 'mongoose';
import { buildBot } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { TurnRecordModel } from '../src/conversations/turn-record.model.js';
import { startEmbeddedServer } from '../src/db/embedded-server.js';
import { silentLogger } from '../src/logger.js';
import { WechatTestClient } from '../test/helpers/wechat-client.js';
import { bareKoa, listen, load, percentile, type LoadResult } from './bench-http.js';
import { rollUpRecentDays } from '../src/reports/day-rollup.js';
import { seedYear, type SeedSizes } from './bench-scale.seed.js';
import { FERRETDB_POOL_SIZE } from '../src/db/connect.js';

const HELP = `usage: npm run bench:scale -- [options]
  --turns 200000 --conversations 20000 --cases 10000 --checklists 20000 --outbox 20000   what is seeded
  --sequential 300      turns sent one at a time (p50/p99)
  --requests 2000       turns sent at 8 and at 16 connections (req/s, p99), and as many to a bare koa route
  --text 低保怎么申请    the villager's message
Starts its own embedded database in a temporary folder; talks only to 127.0.0.1.`;
if (process.argv.includes('--help')) {
  console.log(HELP);
  process.exit(0);
}
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}
const textIndex = process.argv.indexOf('--text');
const TEXT = (textIndex >= 0 ? process.argv[textIndex + 1] : undefined) ?? '低保怎么申请';
const SIZES: SeedSizes = {
  turns: arg('turns', 200_000), conversations: arg('conversations', 20_000), cases: arg('cases', 10_000),
  checklists: arg('checklists', 20_000), outbox: arg('outbox', 20_000),
};
const SEQUENTIAL = arg('sequential', 300);
const REQUESTS = arg('requests', 2000);
const TOKEN = 'benchtoken';
const APPID = 'wx0123456789abcdef';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ADMIN_PASSWORD = 'bench admin password';

interface Phase {
  sequential: { p50: number; p99: number };
  at8: LoadResult; at16: LoadResult; bare8: LoadResult; bare16: LoadResult;
  adminFirstPage: number; caseSearch: number; monthReport: number; monthReportFirst: number;
  steps: Map<string, number>;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-bench-scale-'));
const db = await startEmbeddedServer({ dataDir, cacheDir: path.resolve('.cache') });
await mongoose.connect(`${db.uri}benchscale`, { maxPoolSize: FERRETDB_POOL_SIZE });
// no background roll-up: the seeding writes past days after start-up, which a live bot never does
const config = loadConfig({ LOG_LEVEL: 'silent', REPORT_ROLLUP_DAYS: '0', WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: AES_KEY, ADMIN_PASSWORD });
const bot = await buildBot({ config, logger: silentLogger, databaseKind: () => db.kind });
await bot.start();
const botServer = await listen(bot.app);
const bareServer = await listen(bareKoa(new Koa()));
const wx = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
let messageSeq = 0;
const run = Date.now();
/** villagers: new ones on the empty database, the seeded year's (returning) ones at full size */
let villager = (i: number) => `o_new_${i % 2000}`;
const wechatRequest = (i: number) => {
  const req = wx.buildRequest(wx.textXml(villager(i), TEXT, `${run}${messageSeq++}`));
  return { url: `${botServer.url}${req.path}`, body: req.body };
};
const bareRequest = (i: number) => ({ url: `${bareServer.url}/bare`, body: `<xml>${i}</xml>` });

async function adminSession(): Promise<(p: string, first?: (ms: number) => void) => Promise<number>> {
  const res = await fetch(`${botServer.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status}`);
  /** the median time of 5 GETs (after `first`, when given, the first's time goes there) */
  return async (p, first?: (ms: number) => void) => {
    const times: number[] = [];
    const once = async (): Promise<number> => {
      const t0 = performance.now();
      const r = await fetch(`${botServer.url}${p}`, { headers: { cookie } });
      await r.text();
      if (r.status !== 200) throw new Error(`GET ${p}: ${r.status}`);
      return performance.now() - t0;
    };
    if (first) first(await once());
    for (let i = 0; i < 5; i++) times.push(await once());
    return percentile(times.sort((a, b) => a - b), 0.5);
  };
}

/** Mean ms per pipeline step over the turns received since `since` (their stored traces). */
async function stepMeans(since: Date): Promise<Map<string, number>> {
  const rows = await TurnRecordModel.find({ receivedAt: { $gte: since, $lte: new Date(Date.now() + 60_000) } }, { trace: 1 }).lean();
  const sums = new Map<string, { ms: number; n: number }>();
  for (const r of rows) for (const s of r.trace ?? []) {
    const e = sums.get(s.step ?? '?') ?? { ms: 0, n: 0 };
    sums.set(s.step ?? '?', { ms: e.ms + (s.ms ?? 0), n: e.n + 1 });
  }
  return new Map([...sums].map(([k, v]) => [k, v.ms / v.n]));
}

async function measure(label: string, caseNumber: string | undefined): Promise<Phase> {
  console.log(`measuring (${label}) …`);
  await load(100, 8, wechatRequest); // warm-up
  const since = new Date();
  const seq = await load(SEQUENTIAL, 1, wechatRequest);
  const steps = await stepMeans(since);
  const bare8 = await load(REQUESTS, 8, bareRequest);
  const at8 = await load(REQUESTS, 8, wechatRequest);
  const bare16 = await load(REQUESTS, 16, bareRequest);
  const at16 = await load(REQUESTS, 16, wechatRequest);
  const get = await adminSession();
  const month = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 7);
  let monthReportFirst = NaN;
  const adminFirstPage = await get('/api/admin/cases');
  const caseSearch = caseNumber ? await get(`/api/admin/cases/${caseNumber}`) : NaN;
  // the first asks for days nobody counted yet (the bot's background roll-up ran before the seeding)
  const monthReport = await get(`/api/admin/reports?month=${month}`, (ms) => { monthReportFirst = ms; });
  return { sequential: { p50: seq.p50, p99: seq.p99 }, at8, at16, bare8, bare16, steps, adminFirstPage, caseSearch, monthReport, monthReportFirst };
}

try {
  const empty = await measure('empty database', undefined);
  console.log(`seeding a year: ${JSON.stringify(SIZES)} …`);
  const t0 = performance.now();
  const { sampleCaseNumber } = await seedYear(SIZES, new Date(), (l) => console.log(`  ${l}`));
  console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  villager = (i) => `o_seed_${i % Math.max(1, SIZES.conversations)}`;
  const full = await measure('full size', sampleCaseNumber);
  const r0 = performance.now();
  const rolled = await rollUpRecentDays(400);
  const rollUpSeconds = (performance.now() - r0) / 1000;
  const emptyCase = NaN;
  const ms = (v: number) => (Number.isNaN(v) ? '–' : `${v.toFixed(1)} ms`);
  const rps = (r: LoadResult, bare: LoadResult) => `${r.rps.toFixed(0)} req/s p99 ${r.p99.toFixed(0)} ms (bare koa ${bare.rps.toFixed(0)}, ratio ${(r.rps / bare.rps).toFixed(3)})${r.errors ? ` errors ${r.errors}` : ''}`;
  const rows: [string, string, string][] = [
    ['/wechat sequential p50', ms(empty.sequential.p50), ms(full.sequential.p50)],
    ['/wechat sequential p99', ms(empty.sequential.p99), ms(full.sequential.p99)],
    ['/wechat at 8 connections', rps(empty.at8, empty.bare8), rps(full.at8, full.bare8)],
    ['/wechat at 16 connections', rps(empty.at16, empty.bare16), rps(full.at16, full.bare16)],
    ['admin case list, first page', ms(empty.adminFirstPage), ms(full.adminFirstPage)],
    ['admin case by number', ms(emptyCase), ms(full.caseSearch)],
    ['month report, days not counted', ms(empty.monthReportFirst), ms(full.monthReportFirst)],
    ['month report, days counted', ms(empty.monthReport), ms(full.monthReport)],
  ];
  for (const step of new Set([...empty.steps.keys(), ...full.steps.keys()])) {
    rows.push([`  step ${step} (mean)`, ms(empty.steps.get(step) ?? NaN), ms(full.steps.get(step) ?? NaN)]);
  }
  console.log(`\nbench:scale — database ${db.kind}, node ${process.version}, text ${TEXT}, ${SEQUENTIAL} sequential, ${REQUESTS} per load run`);
  console.log(`${'measure'.padEnd(30)} ${'empty'.padEnd(70)} full size`);
  for (const [k, a, b] of rows) console.log(`${k.padEnd(30)} ${a.padEnd(70)} ${b}`);
  console.log(`background roll-up of the rest of the year (what the bot does at start-up and hourly): ${rolled} days in ${rollUpSeconds.toFixed(1)} s`);
  console.log(`full ÷ empty: p50 ×${(full.sequential.p50 / empty.sequential.p50).toFixed(2)}, p99 ×${(full.sequential.p99 / empty.sequential.p99).toFixed(2)}`);
} finally {
  botServer.server.close();
  bareServer.server.close();
  await bot.stop();
  await mongoose.disconnect();
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
