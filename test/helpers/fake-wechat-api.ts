import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.weixin.qq.com on 127.0.0.1: issues stable tokens, accepts
 * customer-service messages, records every call. Tests script failures with `failNext`.
 *
 *   const wx = await startFakeWechatApi();
 *   wx.failNext({ errcode: 45015 });        // the next send answers 45015
 *   wx.sent()                              // [{ touser, content, token }]
 */
export interface WechatCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

export interface SentMessage { touser: string; content: string; token: string }

export type ScriptedAnswer = { status: number } | { errcode: number; errmsg?: string };

export interface FakeWechatApi {
  url: string;
  calls: WechatCall[];
  /** customer-service messages WeChat accepted */
  sent(): SentMessage[];
  /** stable_token calls */
  tokenCalls(): WechatCall[];
  /** the next customer-service sends answer these, in order (then success again) */
  failNext(...answers: ScriptedAnswer[]): void;
  /** tokens currently valid; revoke one to make sends with it answer 40001 */
  revoke(token: string): void;
  /** expires_in reported by stable_token (default 7200) */
  expiresIn: number;
  /** resolves once `count` messages were accepted (rejects after `timeoutMs`) */
  waitForSent(count: number, timeoutMs?: number): Promise<SentMessage[]>;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

export async function startFakeWechatApi(): Promise<FakeWechatApi> {
  const calls: WechatCall[] = [];
  const accepted: SentMessage[] = [];
  const script: ScriptedAnswer[] = [];
  const valid = new Set<string>();
  const waiters = new Set<() => void>();
  let issued = 0;
  let current: string | undefined;

  const api: FakeWechatApi = {
    url: '',
    calls,
    sent: () => [...accepted],
    tokenCalls: () => calls.filter((c) => c.path === '/cgi-bin/stable_token'),
    failNext: (...answers) => void script.push(...answers),
    revoke: (token) => void valid.delete(token),
    expiresIn: 7200,
    waitForSent: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (accepted.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve([...accepted]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} sent messages, got ${accepted.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function stableToken(body: Record<string, unknown>): unknown {
    if (body.grant_type !== 'client_credential' || typeof body.appid !== 'string' || typeof body.secret !== 'string') {
      return { errcode: 40013, errmsg: 'invalid appid' };
    }
    if (current === undefined || !valid.has(current) || body.force_refresh === true) {
      current = `TOKEN_${++issued}`;
      valid.add(current);
    }
    return { access_token: current, expires_in: api.expiresIn };
  }

  function customSend(query: Record<string, string>, body: Record<string, unknown>): { status: number; json: unknown } {
    const token = query.access_token ?? '';
    if (!valid.has(token)) return { status: 200, json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
    const scripted = script.shift();
    if (scripted && 'status' in scripted) return { status: scripted.status, json: { error: 'scripted' } };
    if (scripted) return { status: 200, json: { errcode: scripted.errcode, errmsg: scripted.errmsg ?? 'scripted' } };
    const text = body.text as { content?: unknown } | undefined;
    accepted.push({ touser: String(body.touser), content: String(text?.content), token });
    return { status: 200, json: { errcode: 0, errmsg: 'ok' } };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readJson(req);
      const call: WechatCall = { path: url.pathname, query: Object.fromEntries(url.searchParams), body };
      calls.push(call);
      let status = 200;
      let json: unknown = { errcode: 404, errmsg: 'unknown path' };
      if (call.path === '/cgi-bin/stable_token') json = stableToken(body);
      else if (call.path === '/cgi-bin/message/custom/send') ({ status, json } = customSend(call.query, body));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
      for (const wake of [...waiters]) wake();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
