/** HTTP load helpers shared by the bench:* scripts. Talk only to 127.0.0.1. */
import type { Server } from 'node:http';
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

/** Sends `requests` POSTs over `concurrency` connections; `make(i)` gives the i-th request. */
export async function load(requests: number, concurrency: number, make: (i: number) => { url: string; body: string }): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
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
  return { rps: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors };
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
