/**
 * npm run fuzz [-- --count 20000 --seed 13 --concurrency 8]
 * Sends a deterministic corpus of hostile and malformed bodies (correctly signed where the platform
 * signs) to /wechat, /qq, /onebot, /telegram, /chat and the admin API of the real bot, on a fresh
 * embedded database, with every platform API failing. Prints the responses by status and target.
 * Exits 1 on any 5xx, stack trace in a body, hung request, or a raw phone/ID number or secret in
 * the captured log. Talks only to 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedServer } from '../src/db/embedded-server.js';
import { startHostileBot } from './fuzz/bot.js';
import { formatReport, runFuzz } from './fuzz/run.js';
import { leaksIn } from './fuzz/leaks.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}
if (process.argv.includes('--help')) {
  console.log([
    'usage: npm run fuzz -- [--count 20000] [--seed 13] [--concurrency 8]',
    '  --count        requests to send (spread evenly over wechat, qq, onebot, telegram, chat, admin)',
    '  --seed         the corpus seed: the same seed and count send the same bodies',
    '  --concurrency  requests in flight at once',
    'exit 1 on any 5xx, stack trace in a response, hung request, or a raw phone/ID number or secret in the log',
  ].join('\n'));
  process.exit(0);
}
const COUNT = arg('count', 20_000);
const SEED = arg('seed', 13);
const CONCURRENCY = arg('concurrency', 8);

const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-fuzz-'));
const db = process.env.MONGODB_URI ? undefined : await startEmbeddedServer({ dataDir, cacheDir: path.resolve('.cache') });
await mongoose.connect(process.env.MONGODB_URI ?? `${db?.uri ?? ''}fuzz_${Date.now()}`);
const bot = await startHostileBot();
let code = 0;
try {
  console.log(`fuzz: ${COUNT} requests, seed ${SEED}, concurrency ${CONCURRENCY}`);
  const started = performance.now();
  const report = await runFuzz({ baseUrl: bot.url, count: COUNT, seed: SEED, concurrency: CONCURRENCY, onProgress: (n) => console.log(`  … ${n}`) });
  await bot.parts.gateway.close(); // background sends finish, their failures reach the log
  for (const line of formatReport(report)) console.log(line);
  const leaks = leaksIn(bot.logLines);
  console.log(`log: ${bot.logLines.length} lines; lines with a raw phone/ID number or a secret: ${leaks.length}`);
  for (const l of leaks.slice(0, 5)) console.log(`  ${l.slice(0, 300)}`);
  console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (report.failures.length > 0 || leaks.length > 0) code = 1;
} finally {
  await bot.close();
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await db?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
