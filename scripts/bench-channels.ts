/**
 * npm run bench:channels [-- --requests N --concurrency C --iterations I]
 * Per channel (WeChat safe mode, QQ, OneBot, Telegram, web): the inbound cost of one message —
 * signature check + decryption/parsing + decode to InboundMessage — measured in-process over many
 * iterations (µs/message), and requests/s through the channel's HTTP endpoint with a trivial
 * TurnHandler. Talks only to 127.0.0.1 (the platforms' outbound APIs are local fakes).
 * A channel whose adapter cannot be built is skipped with a note.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type Router from '@koa/router';
import type { TurnHandler } from '../src/core/channel.js';
import { silentLogger } from '../src/logger.js';
import { channelCases, type ChannelCase } from './bench-channels.cases.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
if (process.argv.includes('--help')) {
  console.log('usage: npm run bench:channels -- [--requests 2000] [--concurrency 16] [--iterations 20000]');
  process.exit(0);
}
const REQUESTS = arg('requests', 2000);
const CONCURRENCY = arg('concurrency', 16);
const ITERATIONS = arg('iterations', 20_000);

/** Answers every turn at once with one short part: the bench measures the channel, not the bot. */
const trivialTurn: TurnHandler = async (m) => ({ reply: { parts: [`收到：${m.text.slice(0, 20)}`] }, duplicate: false });

/** Median of five batches (one slow batch, e.g. a GC pause, does not move it). */
function decodeMicros(c: ChannelCase): number {
  for (let i = 0; i < Math.min(2000, ITERATIONS); i++) c.decodeOnce(i); // warm-up (JIT)
  const batch = Math.max(1, Math.floor(ITERATIONS / 5));
  const results: number[] = [];
  for (let b = 0; b < 5; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) c.decodeOnce(i);
    results.push(Number(process.hrtime.bigint() - t0) / 1000 / batch);
  }
  return results.sort((x, y) => x - y)[2] ?? 0;
}

async function listen(router: Router): Promise<{ url: string; server: Server }> {
  const app = new Koa();
  app.use(router.routes());
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Load { rps: number; p50: number; p99: number; errors: number }

async function load(url: string, c: ChannelCase, requests: number, offset: number): Promise<Load> {
  // built (signed, encrypted) before the clock starts: the client's crypto is not the server's cost
  const prepared = Array.from({ length: requests }, (_, i) => c.request(offset + i));
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < requests) {
      const req = prepared[next++];
      if (!req) break;
      const t0 = performance.now();
      const res = await fetch(url + req.path, { method: 'POST', headers: req.headers, body: req.body });
      await res.arrayBuffer();
      if (res.status >= 300) errors++;
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { rps: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99), errors };
}

console.log(`bench:channels — decode ${ITERATIONS} iterations; endpoint ${REQUESTS} requests, concurrency ${CONCURRENCY}; node ${process.version}`);
console.log('channel            decode+verify µs/msg      req/s    p50 ms    p99 ms  errors  note');
for (const make of channelCases) {
  let c: ChannelCase | undefined;
  try {
    c = await make(trivialTurn, silentLogger);
  } catch (err) {
    console.log(`${make.label.padEnd(18)} skipped: ${err instanceof Error ? err.message : String(err)}`);
    continue;
  }
  try {
    const { url, server } = await listen(c.router);
    await load(url, c, Math.min(200, REQUESTS), 0); // warm-up
    const r = await load(url, c, REQUESTS, 1_000_000);
    await c.settle?.();
    server.close();
    const micros = decodeMicros(c); // after the HTTP run: a long synchronous loop first skews it
    console.log(
      `${c.label.padEnd(18)} ${micros.toFixed(1).padStart(20)} ${r.rps.toFixed(0).padStart(10)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(9)} ${String(r.errors).padStart(7)}  ${c.note}`,
    );
  } finally {
    await c.close();
  }
}
