/** HTTP load helpers shared by the bench:* scripts. Talk only to 127.0.0.1. */
import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';
import type Koa from 'koa';

export async function listen(app: Koa): Promise<{ url: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, server };
}

export interface LoadResult { rps: number; p50: number; p99: number; errors: number }

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/**
 * The load generator: plain node:http over keep-alive connections, run in a worker thread so the
 * bot's event loop (in the main thread) does not also carry the client's work — as in production,
 * where the platform's servers send the requests. Runs `concurrency` loops until `bodies` is used up.
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { requests, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = [];
let next = 0, errors = 0;
function post(r) {
  return new Promise((resolve) => {
    const u = new URL(r.url);
    const t0 = performance.now();
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', agent,
      headers: { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(r.body) } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => { if (res.statusCode !== 200) errors++; latencies.push(performance.now() - t0); resolve(); });
    });
    req.on('error', () => { errors++; latencies.push(performance.now() - t0); resolve(); });
    req.end(r.body);
  });
}
const started = performance.now();
Promise.all(Array.from({ length: concurrency }, async () => { while (next < requests.length) await post(requests[next++]); }))
  .then(() => { agent.destroy(); parentPort.postMessage({ latencies, errors, seconds: (performance.now() - started) / 1000 }); });
`;

/** Sends `requests` POSTs over `concurrency` connections; `make(i)` gives the i-th request (built before the clock starts). */
export async function load(requests: number, concurrency: number, make: (i: number) => { url: string; body: string }): Promise<LoadResult> {
  const bodies = Array.from({ length: requests }, (_, i) => make(i));
  const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { requests: bodies, concurrency } });
  const out = await new Promise<{ latencies: number[]; errors: number; seconds: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const latencies = out.latencies.sort((a, b) => a - b);
  return { rps: latencies.length / out.seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors: out.errors };
}

/** A koa route that reads the body as /wechat does and answers a small XML: the machine's ceiling. */
export function bareKoa(app: Koa): Koa {
  app.use(async (ctx) => {
    for await (const chunk of ctx.req) void chunk;
    ctx.type = 'text/xml';
    ctx.body = '<xml><Content><![CDATA[ok]]></Content></xml>';
  });
  return app;
}
