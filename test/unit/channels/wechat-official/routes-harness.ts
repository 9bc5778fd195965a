import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Koa from 'koa';
import pino from 'pino';
import type { TurnHandler, TurnOutcome } from '../../../../src/core/channel.js';
import type { InboundMessage } from '../../../../src/core/message.js';
import { createWechatRouter, type WechatRouterOptions } from '../../../../src/channels/wechat-official/routes.js';

/** A koa app with the WeChat router on 127.0.0.1, a recording fake TurnHandler and a captured log. */
export interface Harness {
  base: string;
  calls: InboundMessage[];
  logs: Array<Record<string, unknown>>;
  pushed: Array<{ userId: string; parts: string[] }>;
  close(): Promise<void>;
}

export type HarnessOptions = Partial<Omit<WechatRouterOptions, 'handleTurn' | 'logger'>> & {
  token: string;
  /** what the fake turn answers; default echoes the text */
  answer?: (m: InboundMessage) => Promise<TurnOutcome> | TurnOutcome;
};

export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const calls: InboundMessage[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const pushed: Array<{ userId: string; parts: string[] }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const answer = o.answer ?? ((m: InboundMessage) => ({ reply: { parts: [`echo:${m.text}`] }, duplicate: false }));
  const handleTurn: TurnHandler = async (m) => {
    calls.push(m);
    return answer(m);
  };
  const router = createWechatRouter({
    // these tests post plaintext to a router that also has a key (to test both modes on one app);
    // the refusal of plaintext once a key is set is tested with allowPlaintext: false
    allowPlaintext: true,
    ...o,
    handleTurn,
    logger: pino({ level: 'debug' }, sink),
    onOverflow: o.onOverflow ?? (async (userId, parts) => void pushed.push({ userId, parts })),
  });
  const app = new Koa();
  app.use(router.routes()).use(router.allowedMethods());
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    calls,
    logs,
    pushed,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export async function post(h: Harness, path: string, body: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(h.base + path, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
