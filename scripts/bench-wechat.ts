/**
 * npm run bench:wechat [-- --requests N --concurrency C]
 * Measures a safe-mode (AES) text message through /wechat — signature check, decryption, the whole
 * turn on the real database, encrypted passive reply — and, in the same run, a bare koa route on the
 * same machine; prints requests/s, p50/p99 and the ratio. Talks only to 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import mongoose from 'mongoose';
import { buildBot } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { startEmbeddedServer } from '../src/db/embedded-server.js';
import { silentLogger } from '../src/logger.js';
import { WechatTestClient } from '../test/helpers/wechat-client.js';
import { bareKoa, listen, load, type LoadResult } from './bench-http.js';
import { FERRETDB_POOL_SIZE } from '../src/db/connect.js';

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

const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-bench-'));
const db = await startEmbeddedServer({ dataDir, cacheDir: path.resolve('.cache') });
await mongoose.connect(`${db.uri}bench`, { maxPoolSize: FERRETDB_POOL_SIZE });
try {
  const config = loadConfig({ LOG_LEVEL: 'silent', WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: AES_KEY });
  const bot = await buildBot({ config, logger: silentLogger, databaseKind: () => db.kind });
  await bot.start();
  const botServer = await listen(bot.app);
  const bareServer = await listen(bareKoa(new Koa()));
  const client = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
  const run = Date.now();

  // warm-up (JIT, connection pool, first classifier calls)
  await load(REQUESTS, CONCURRENCY, (i) => ({ url: `${bareServer.url}/bare`, body: `<xml>${i}</xml>` }));
  const bareResult = await load(REQUESTS, CONCURRENCY, (i) => ({ url: `${bareServer.url}/bare`, body: `<xml>${i}</xml>` }));
  const wechatResult = await load(REQUESTS, CONCURRENCY, (i) => {
    const req = client.buildRequest(client.textXml(`openid_${i % 200}`, TEXTS[i % TEXTS.length] ?? '你好', `${run}${i}`));
    return { url: `${botServer.url}${req.path}`, body: req.body };
  });
  const fmt = (r: LoadResult) => `${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms   errors ${r.errors}`;
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
