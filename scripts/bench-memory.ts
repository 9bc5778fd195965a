/**
 * npm run bench:memory [-- --requests 2000 --concurrency 16]
 * The bot's resident memory (RSS): after start-up (idle, classifier trained, jieba loaded) and after a burst
 * of /wechat traffic (plaintext mode, the whole turn on the embedded database) with varied villager texts
 * from test/fixtures/nlu/blind-1.jsonl. Prints figures; asserts nothing. Talks only to 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import mongoose from 'mongoose';
import { buildBot } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { startEmbeddedServer } from '../src/db/embedded-server.js';
import { silentLogger } from '../src/logger.js';
import { WechatTestClient } from '../test/helpers/wechat-client.js';
import { FERRETDB_POOL_SIZE } from '../src/db/connect.js';

if (process.argv.includes('--help')) {
  console.log('usage: npm run bench:memory -- [--requests 2000] [--concurrency 16]');
  process.exit(0);
}
const numberArg = (name: string, fallback: number): number => {
  const v = Number(process.argv[process.argv.indexOf(`--${name}`) + 1]);
  return process.argv.includes(`--${name}`) && v > 0 ? v : fallback;
};
const REQUESTS = numberArg('requests', 2000);
const CONCURRENCY = numberArg('concurrency', 16);
const TOKEN = 'benchtoken';
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const texts = readFileSync('test/fixtures/nlu/blind-1.jsonl', 'utf8').split('\n').filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);

async function settle(): Promise<NodeJS.MemoryUsage> {
  await new Promise((r) => setTimeout(r, 3000));
  return process.memoryUsage();
}

/** With --expose-gc: the memory after a full collection (what the burst left behind, not its garbage). */
async function collected(): Promise<NodeJS.MemoryUsage | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  await new Promise((r) => setTimeout(r, 1000));
  return process.memoryUsage();
}

const started = process.memoryUsage();
const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-bench-memory-'));
const db = await startEmbeddedServer({ dataDir, cacheDir: path.resolve('.cache') });
await mongoose.connect(`${db.uri}benchmemory`, { maxPoolSize: FERRETDB_POOL_SIZE });
try {
  const config = loadConfig({ LOG_LEVEL: 'silent', WECHAT_TOKEN: TOKEN });
  const t0 = performance.now();
  const bot = await buildBot({ config, logger: silentLogger, databaseKind: () => db.kind });
  const bootMs = performance.now() - t0;
  await bot.start();
  const server = bot.app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idle = await settle();
  const client = new WechatTestClient({ token: TOKEN, mode: 'plaintext' });
  let next = 0;
  let errors = 0;
  let peak = 0;
  const run = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const i = next++;
      const req = client.buildRequest(client.textXml(`openid_${i % 300}`, texts[i % texts.length] ?? '你好', `${run}${i}`));
      const res = await fetch(`${url}${req.path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: req.body });
      await res.text();
      if (res.status !== 200) errors++;
      if (i % 50 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
  }));
  const loaded = await settle();
  const kept = await collected();
  console.log(`bench:memory — node ${process.version} (NODE_OPTIONS ${process.env.NODE_OPTIONS?.trim() || 'none'}, MALLOC_TRIM_THRESHOLD_ ${process.env.MALLOC_TRIM_THRESHOLD_ ?? 'unset'}), database ${db.kind} (a separate process, not counted)`);
  console.log(`process before the bot  rss ${mb(started.rss)}`);
  console.log(`bot built in ${bootMs.toFixed(0)} ms`);
  console.log(`idle after start-up     rss ${mb(idle.rss)}   heap used ${mb(idle.heapUsed)}   external ${mb(idle.external)}`);
  console.log(`peak during burst       rss ${mb(Math.max(peak, loaded.rss))}   (${REQUESTS} /wechat messages, concurrency ${CONCURRENCY}, errors ${errors})`);
  console.log(`after the burst         rss ${mb(loaded.rss)}   heap used ${mb(loaded.heapUsed)}   external ${mb(loaded.external)}`);
  if (kept) console.log(`after a full GC         rss ${mb(kept.rss)}   heap used ${mb(kept.heapUsed)}   external ${mb(kept.external)}`);
  if (process.env.HEAP_SNAPSHOT) console.log(`heap snapshot: ${writeHeapSnapshot(process.env.HEAP_SNAPSHOT)}`);
  server.close();
  await bot.stop();
} finally {
  await mongoose.disconnect();
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
