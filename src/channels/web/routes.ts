import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import getRawBody from 'raw-body';
import type { TurnHandler } from '../../core/channel.js';
import { HttpError, PayloadError } from '../../core/errors.js';
import { decodeWebMessage } from './decode.js';
import { encodeWebReply } from './encode.js';
import { deliveredSince, takeUndelivered } from './inbox.js';
import type { WebHistoryLine, WebHistoryResponse, WebInboxResponse } from './types.js';

const USER_COOKIE = 'nl_web_uid';
const MAX_BODY = '16kb';
const USER_ID = /^[a-f0-9]{32}$/;

export interface WebChatOptions {
  handleTurn: TurnHandler;
  /** the chat page's HTML (from templates/web/chat.html) */
  pageHtml: string;
  secureCookies: boolean;
  deadlineMs?: number;
  /** the greeting the page shows when it opens (templates/system.yml), never posted as the visitor's words */
  greeting?: () => string;
  /** the visitor's earlier turns, oldest first (served from the database, so a reload keeps them) */
  history?: (userId: string) => Promise<{ from: 'visitor' | 'bot'; parts: string[]; at: Date }[]>;
}

/** Turns and pushed messages in one timeline, oldest first. */
async function historyOf(opts: WebChatOptions, userId: string): Promise<WebHistoryLine[]> {
  const turns = opts.history ? await opts.history(userId) : [];
  const since = turns[0]?.at ?? new Date(0);
  const pushed = await deliveredSince(userId, since);
  const lines: WebHistoryLine[] = [
    ...turns.map((t) => ({ from: t.from, parts: t.parts, at: t.at.toISOString() })),
    ...pushed.map((m) => ({ from: 'bot' as const, parts: m.parts, at: m.createdAt })),
  ];
  return lines.sort((a, b) => a.at.localeCompare(b.at));
}

async function readJson(req: Parameters<typeof getRawBody>[0]): Promise<unknown> {
  let raw: string;
  try {
    raw = await getRawBody(req, { limit: MAX_BODY, encoding: 'utf8' });
  } catch (err) {
    const status = (err as { status?: number }).status ?? 400;
    throw new HttpError(status, status === 413 ? 'message too large' : 'unreadable body', { cause: err });
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (err) {
    throw new HttpError(400, 'body is not JSON', { cause: err });
  }
}

/**
 * The township's own web 咨询/投诉平台 at /chat: a page, and a JSON endpoint it posts to.
 * A visitor is identified by a random cookie; no login.
 */
export function createWebChatRouter(opts: WebChatOptions): Router {
  const router = new Router();
  router.get('/chat', (ctx) => {
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    ctx.body = opts.pageHtml;
  });
  router.post('/chat/api/messages', async (ctx) => {
    let userId = ctx.cookies.get(USER_COOKIE);
    if (!userId || !USER_ID.test(userId)) {
      userId = randomBytes(16).toString('hex');
      ctx.cookies.set(USER_COOKIE, userId, { httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, maxAge: 365 * 86400_000 });
    }
    const body = await readJson(ctx.req);
    let message;
    try {
      message = decodeWebMessage(body, userId, new Date());
    } catch (err) {
      if (err instanceof PayloadError) throw new HttpError(400, err.message, { cause: err });
      throw err;
    }
    const outcome = await opts.handleTurn(message, { deadlineMs: opts.deadlineMs ?? 15_000 });
    ctx.body = encodeWebReply(outcome);
  });
  // what the page shows when it opens or is reloaded: the greeting and this visitor's conversation so far
  router.get('/chat/api/history', async (ctx) => {
    const userId = ctx.cookies.get(USER_COOKIE);
    const known = userId !== undefined && USER_ID.test(userId);
    const body: WebHistoryResponse = { greeting: opts.greeting?.() ?? '', lines: known ? await historyOf(opts, userId) : [] };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
  // messages pushed to this visitor (staff replies, 回访); no cookie yet means nothing can be waiting
  router.get('/chat/api/inbox', async (ctx) => {
    const userId = ctx.cookies.get(USER_COOKIE);
    const body: WebInboxResponse = { messages: userId && USER_ID.test(userId) ? await takeUndelivered(userId) : [] };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
  return router;
}
