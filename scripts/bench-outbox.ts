/**
 * npm run bench:outbox [-- --messages 1200 --history 2000]
 * A backlog of late answers (one per villager who wrote within the last minutes, as after a burst on
 * WeChat) drains through the real outbox against the local fake WeChat customer-service API, on the
 * embedded database. Prints the time to drain, messages/s, and how many went out twice (must be 0).
 * `--history` seeds that many older, already-sent outbox rows and answered turns first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedServer } from '../src/db/embedded-server.js';
import { OutboxMessageModel } from '../src/outbox/index.js';
import { startFakeWechatApi } from '../test/helpers/fake-wechat-api.js';
import { seedLateAnswers, wechatBacklogOutbox } from '../test/helpers/outbox-backlog.js';
import { FERRETDB_POOL_SIZE } from '../src/db/connect.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}
if (process.argv.includes('--help')) {
  console.log('usage: npm run bench:outbox -- [--messages 1200] [--history 2000]');
  process.exit(0);
}
const MESSAGES = arg('messages', 1200);
const HISTORY = arg('history', 2000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-bench-outbox-'));
const db = await startEmbeddedServer({ dataDir, cacheDir: path.resolve('.cache') });
await mongoose.connect(`${db.uri}bench_outbox`, { maxPoolSize: FERRETDB_POOL_SIZE });
const api = await startFakeWechatApi();
try {
  const seedStarted = performance.now();
  await seedLateAnswers({ messages: MESSAGES, history: HISTORY });
  const seedMs = performance.now() - seedStarted;
  console.error(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);
  const outbox = wechatBacklogOutbox(api.url);
  const started = performance.now();
  const ticker = setInterval(() => console.error(`  … ${api.sent().length} sent after ${((performance.now() - started) / 1000).toFixed(0)} s`), 10_000);
  outbox.start();
  await api.waitForSent(MESSAGES, 30 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  await outbox.stop();
  const sent = api.sent();
  const distinct = new Set(sent.map((s) => s.touser)).size;
  const rows = await OutboxMessageModel.countDocuments({ status: 'sent', 'meta.reason': 'late-answer' });
  console.log(`bench:outbox — ${MESSAGES} late answers, ${HISTORY} older turns + sent rows, database ${db.kind}, node ${process.version} (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
  console.log(`drained in ${seconds.toFixed(1)} s — ${(MESSAGES / seconds).toFixed(1)} messages/s; delivered ${sent.length}, to ${distinct} villagers, twice: ${sent.length - distinct}; rows sent ${rows}`);
} finally {
  await api.close();
  await mongoose.disconnect();
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
