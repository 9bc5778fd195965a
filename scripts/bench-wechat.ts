/**
 * npm run bench:wechat [-- --requests N --concurrency C]
 * Measures a safe-mode (AES) text message through /wechat — signature check, decryption, the whole
 * turn on the real database, encrypted passive reply — and, in the same run, a bare koa route on the
 * same machine; prints requests/s, p50/p99 and the ratio. Talks only to 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import mongoose from 'mongoose';
import { buildBot } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { startEmbeddedServer } from '../src/db/embedded-server.js';
import { silentLogger } from '../src/logger.js';
import { WechatTestClient } from '../test/helpers/wechat-client.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
if (process.argv.includes('--help')) {
  console.log('usage: npm run bench:wechat -- [--requests 2000] [--concurrency 16] [--texts "你好|低保怎么申请"]');
  process.exit(0);
}
const textsArg = process.argv.indexOf('--texts');
const TEXTS = (textsArg >= 0 ? process.argv[textsArg + 1] ?? '' : '你好|低保怎么申请').split('|').filter(Boolean);
const REQUESTS = arg('requests', 2000);
const CONCURRENCY = arg('concurrency', 16);
const TOKEN = 'benchtoken';
const APPID = 'wx0123456789abcdef';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

async function listen(app: Koa): Promise<{ url: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, server };
}

interface Result { rps: number; p50: number; p99: number; errors: number }

async function load(make: (i: number) => { url: string; body: string }): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const { url, body } = make(next++);
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body });
      await res.text();
      if (res.status !== 200) errors++;
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { rps: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99), errors };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-bench-'));
const db = await startEmbeddedServer({ dataDir, cacheDir: path.resolve('.cache') });
await mongoose.connect(`${db.uri}bench`, { maxPoolSize: 4 });
try {
  const config = loadConfig({ LOG_LEVEL: 'silent', WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: AES_KEY });
  const bot = await buildBot({ config, logger: silentLogger, databaseKind: () => db.kind });
  await bot.start();
  const botServer = await listen(bot.app);
  const bare = new Koa();
  bare.use(async (ctx) => {
    for await (const chunk of ctx.req) void chunk; // read the body as /wechat does
    ctx.type = 'text/xml';
    ctx.body = '<xml><Content><![CDATA[ok]]></Content></xml>';
  });
  const bareServer = await listen(bare);
  const client = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
  const run = Date.now();

  // warm-up (JIT, connection pool, first classifier calls)
  await load((i) => ({ url: `${bareServer.url}/bare`, body: `<xml>${i}</xml>` }));
  const bareResult = await load((i) => ({ url: `${bareServer.url}/bare`, body: `<xml>${i}</xml>` }));
  const wechatResult = await load((i) => {
    const req = client.buildRequest(client.textXml(`openid_${i % 200}`, TEXTS[i % TEXTS.length] ?? '你好', `${run}${i}`));
    return { url: `${botServer.url}${req.path}`, body: req.body };
  });
  const fmt = (r: Result) => `${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms   errors ${r.errors}`;
  console.log(`bench:wechat — ${REQUESTS} requests, concurrency ${CONCURRENCY}, texts ${TEXTS.join(' | ')}, database ${db.kind}, node ${process.version}`);
  console.log(`bare koa route          ${fmt(bareResult)}`);
  console.log(`/wechat safe-mode text  ${fmt(wechatResult)}`);
  console.log(`ratio /wechat ÷ bare: ${(wechatResult.rps / bareResult.rps).toFixed(3)} of the throughput, p50 ×${(wechatResult.p50 / bareResult.p50).toFixed(1)}`);
  botServer.server.close();
  await bot.stop();
  bareServer.server.close();
} finally {
  await mongoose.disconnect();
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
