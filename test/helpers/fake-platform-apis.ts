import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the platforms' outbound APIs (QQ auth + OpenAPI, OneBot HTTP API,
 * Telegram Bot API): real HTTP servers on 127.0.0.1 with a random port that record every
 * call and answer with plausible results.
 */
export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** the parsed JSON body (or the raw text when it is not JSON) */
  body: unknown;
}

export interface FakeApi {
  /** base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  calls: RecordedCall[];
  /** the calls whose path ends with `suffix` */
  callsTo(suffix: string): RecordedCall[];
  /** resolves once `count` calls match `suffix` (rejects after `timeoutMs`) */
  waitForCalls(suffix: string, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

type Responder = (call: RecordedCall) => { status?: number; body: unknown };

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // not JSON: keep the text as sent
  }
}

/** A recording HTTP server; `respond` decides the answer for each call. */
export async function startFakeApi(respond: Responder): Promise<FakeApi> {
  const calls: RecordedCall[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const call: RecordedCall = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body: await readBody(req) };
      calls.push(call);
      const answer = respond(call);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
      for (const wake of waiters) wake();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const callsTo = (suffix: string) => calls.filter((c) => c.path.endsWith(suffix));
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo,
    waitForCalls: (suffix, count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (callsTo(suffix).length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(callsTo(suffix));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} call(s) to *${suffix}, got ${callsTo(suffix).length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** QQ: POST /app/getAppAccessToken (auth) and /v2/{users|groups}/{id}/messages (API) on one server. */
export async function startFakeQqApi(opts: { expiresIn?: string } = {}): Promise<FakeApi> {
  let tokens = 0;
  let messages = 0;
  return startFakeApi((call) => {
    if (call.path === '/app/getAppAccessToken') {
      tokens += 1;
      return { body: { access_token: `fake-qq-token-${tokens}`, expires_in: opts.expiresIn ?? '7200' } };
    }
    if (/^\/v2\/(users|groups)\/[^/]+\/messages$/.test(call.path)) {
      messages += 1;
      return { body: { id: `fake-msg-${messages}`, timestamp: new Date().toISOString() } };
    }
    return { status: 404, body: { code: 404, message: 'not found' } };
  });
}

/** OneBot v11 HTTP API: /send_private_msg, /send_group_msg, /send_msg. */
export async function startFakeOneBotApi(): Promise<FakeApi> {
  let ids = 0;
  return startFakeApi((call) => {
    if (['/send_private_msg', '/send_group_msg', '/send_msg'].includes(call.path)) {
      ids += 1;
      return { body: { status: 'ok', retcode: 0, data: { message_id: ids } } };
    }
    return { status: 404, body: { status: 'failed', retcode: 1404, data: null } };
  });
}

export const FAKE_TELEGRAM_BOT = {
  id: 7000001,
  is_bot: true as const,
  first_name: 'Nonglian',
  username: 'nonglian_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** Telegram Bot API under /bot<token>/<method>: getMe, sendMessage (a plausible Message), else `true`. */
export async function startFakeTelegramApi(): Promise<FakeApi> {
  let messageIds = 100;
  return startFakeApi((call) => {
    const method = call.path.split('/').pop() ?? '';
    if (method === 'getMe') return { body: { ok: true, result: FAKE_TELEGRAM_BOT } };
    if (method === 'sendMessage') {
      const p = (call.body ?? {}) as { chat_id?: number | string; text?: string };
      messageIds += 1;
      const chatId = Number(p.chat_id);
      return {
        body: {
          ok: true,
          result: {
            message_id: messageIds,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: chatId < 0 ? 'group' : 'private', title: chatId < 0 ? 'group' : undefined },
            from: { id: FAKE_TELEGRAM_BOT.id, is_bot: true, first_name: FAKE_TELEGRAM_BOT.first_name, username: FAKE_TELEGRAM_BOT.username },
            text: p.text ?? '',
          },
        },
      };
    }
    return { body: { ok: true, result: true } };
  });
}

/** Serves a request listener (e.g. `app.callback()` of a koa app) on 127.0.0.1, random port. */
export async function listenLocal(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
