import { randomInt } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { TurnHandler, TurnOutcome } from '../../core/channel.js';
import { HttpError, PayloadError, SignatureError } from '../../core/errors.js';
import type { InboundMessage } from '../../core/message.js';
import type { Logger } from '../../logger.js';
import { decodeAesKey, decryptMessage } from './crypto.js';
import { decodeInbound } from './decode.js';
import type { ReplayGuard } from './nonce.model.js';
import { encodeReply, sealReply } from './encode.js';
import { verifyMsgSignature, verifyPlainSignature, readQuery } from './verify.js';
import { parseWechatXml, requireField } from './xml.js';
import type { WechatQuery } from './types.js';

export interface WechatRouterOptions {
  token: string;
  /** required for safe/compatible mode: the receiveId inside every ciphertext */
  appId?: string;
  encodingAesKey?: string;
  handleTurn: TurnHandler;
  logger: Logger;
  /** default 64 KiB; larger bodies get 413 without being buffered */
  maxBodyBytes?: number;
  now?: () => number;
  /** the turn's budget; WeChat gives up after 5 s (default 4500) */
  deadlineMs?: number;
  /** parts that did not fit the passive reply, or a whole reply that came too late: push them */
  onOverflow?: (userId: string, parts: string[]) => Promise<void>;
  /** with an AES key: also take plaintext pushes (only while switching modes; WECHAT_ALLOW_PLAINTEXT) */
  allowPlaintext?: boolean;
  /** remembers signed queries: the same timestamp+nonce with another body is a replay (issue 13) */
  replayGuard?: ReplayGuard;
}

/** The handler's own deadline should fire first; this backstop keeps the answer inside 5 s. */
const DEADLINE_GRACE_MS = 250;
const SUCCESS = 'success';

interface Resolved extends Required<Pick<WechatRouterOptions, 'token' | 'maxBodyBytes' | 'now' | 'deadlineMs'>> {
  opts: WechatRouterOptions;
  key: Buffer | undefined;
}

/**
 * GET /wechat answers WeChat's URL check; POST /wechat takes message pushes in plaintext,
 * compatible and safe mode and answers with a passive reply (encrypted when the push was).
 * Do not mount a body parser in front of it: the raw body is read here, with a size cap.
 */
export function createWechatRouter(opts: WechatRouterOptions): Router {
  const r: Resolved = {
    opts,
    token: opts.token,
    maxBodyBytes: opts.maxBodyBytes ?? 64 * 1024,
    now: opts.now ?? Date.now,
    deadlineMs: opts.deadlineMs ?? 4500,
    key: opts.encodingAesKey === undefined ? undefined : decodeAesKey(opts.encodingAesKey),
  };
  const router = new Router();
  router.get('/wechat', (ctx) => guarded(ctx, r, () => verifyUrl(ctx, r)));
  router.post('/wechat', (ctx) => guarded(ctx, r, () => handlePush(ctx, r)));
  return router;
}

function verifyUrl(ctx: Context, r: Resolved): void {
  const q = readQuery(ctx.query);
  verifyPlainSignature(q, r.token, r.now());
  // the OA echoes echostr as sent, even in safe mode (only WeCom encrypts it)
  ctx.type = 'text/plain';
  ctx.body = q.echostr ?? '';
}

async function handlePush(ctx: Context, r: Resolved): Promise<void> {
  const q = readQuery(ctx.query);
  verifyPlainSignature(q, r.token, r.now());
  const encrypted = q.encrypt_type === 'aes';
  if (!encrypted && q.encrypt_type !== undefined && q.encrypt_type !== 'raw') {
    throw new PayloadError(`unknown encrypt_type ${q.encrypt_type}`);
  }
  if (!encrypted && r.key !== undefined && r.opts.allowPlaintext !== true) {
    throw new HttpError(403, 'plaintext push refused: this account is configured for encrypted messages');
  }
  const body = await readBody(ctx, r.maxBodyBytes);
  // A signed query is good for one body. In safe and compatible mode msg_signature covers the ciphertext, so a
  // replayed query can only repeat its own body, which the turn's dedup record answers: no lookup is needed.
  if (!encrypted) await checkReplay(q, body, r);
  const fields = encrypted ? openEnvelope(body, q, r) : parseWechatXml(body);
  const message = decodeInbound(fields);
  const accountId = requireField(fields, 'ToUserName');
  const outcome = await runTurn(message, r);
  if (outcome === undefined) return answerSuccess(ctx);

  const { xml, overflow } = encodeReply(outcome.reply, { userId: message.userId, accountId }, r.now());
  // a redelivery repeats the passive part only: its overflow already went out with the first delivery
  if (overflow.length > 0 && !outcome.duplicate) pushAfterResponse(ctx, r, message, overflow);
  if (xml === undefined) return answerSuccess(ctx);
  ctx.type = 'text/xml';
  ctx.body = encrypted ? seal(xml, r) : xml;
}

async function checkReplay(q: WechatQuery, body: string, r: Resolved): Promise<void> {
  if (r.opts.replayGuard === undefined || q.timestamp === undefined || q.nonce === undefined) return;
  const verdict = await r.opts.replayGuard(q.timestamp, q.nonce, body);
  // a retry of the same body goes on: the dedup record answers it with the first reply
  if (verdict === 'conflict') throw new HttpError(401, 'signed query replayed with a different body');
}

function openEnvelope(body: string, q: WechatQuery, r: Resolved): ReturnType<typeof parseWechatXml> {
  const { key, opts } = r;
  if (key === undefined || opts.appId === undefined) {
    throw new Error('encrypted push received but WECHAT_ENCODING_AES_KEY / WECHAT_APPID are not configured');
  }
  const envelope = parseWechatXml(body);
  const encrypt = requireField(envelope, 'Encrypt');
  verifyMsgSignature(q, r.token, encrypt);
  // in compatible mode the plaintext copy next to <Encrypt> is unauthenticated: use the decrypted one
  return parseWechatXml(decryptMessage(key, encrypt, opts.appId).message);
}

function seal(xml: string, r: Resolved): string {
  const { key, opts } = r;
  if (key === undefined || opts.appId === undefined) throw new Error('cannot encrypt a reply without key and AppID');
  const nonce = String(randomInt(100_000_000, 1_000_000_000));
  const timestamp = String(Math.floor(r.now() / 1000));
  return sealReply(xml, { token: r.token, key, receiveId: opts.appId, timestamp, nonce });
}

async function readBody(ctx: Context, limit: number): Promise<string> {
  try {
    return await getRawBody(ctx.req, { limit, length: ctx.get('content-length') || undefined, encoding: 'utf-8' });
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') throw new HttpError(413, 'body too large', { cause: err });
    throw new HttpError(400, 'body could not be read', { cause: err });
  }
}

/** Runs the turn; undefined when it missed the deadline (its reply is then pushed when it comes). */
async function runTurn(message: InboundMessage, r: Resolved): Promise<TurnOutcome | undefined> {
  const turn = r.opts.handleTurn(message, { deadlineMs: r.deadlineMs });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), r.deadlineMs + DEADLINE_GRACE_MS);
  });
  try {
    const first = await Promise.race([turn, late]);
    if (first !== 'late') return first;
  } finally {
    clearTimeout(timer);
  }
  r.opts.logger.warn({ channel: 'wechat', messageId: message.messageId }, 'turn missed the passive-reply deadline; reply will be pushed');
  turn.then(
    (outcome) => push(r, message, outcome.reply.parts),
    (err: unknown) => r.opts.logger.error({ err, channel: 'wechat', messageId: message.messageId }, 'late turn failed'),
  );
  return undefined;
}

function pushAfterResponse(ctx: Context, r: Resolved, message: InboundMessage, parts: string[]): void {
  // after the passive reply has gone out, so the pushed parts arrive after it
  ctx.res.once('close', () => push(r, message, parts));
}

function push(r: Resolved, message: InboundMessage, parts: string[]): void {
  const log = { channel: 'wechat', messageId: message.messageId, parts: parts.length };
  if (parts.length === 0) return;
  if (r.opts.onOverflow === undefined) {
    r.opts.logger.warn(log, 'reply parts dropped: no push sender configured');
    return;
  }
  r.opts.onOverflow(message.userId, parts).catch((err: unknown) => r.opts.logger.error({ ...log, err }, 'pushing reply parts failed'));
}

function answerSuccess(ctx: Context): void {
  ctx.type = 'text/plain';
  ctx.body = SUCCESS; // WeChat's documented "received, nothing to say"
}

/** Maps failures: 4xx are the sender's fault and logged at warn; anything else is ours. */
async function guarded(ctx: Context, r: Resolved, run: () => Promise<void> | void): Promise<void> {
  try {
    await run();
  } catch (err) {
    const status = err instanceof HttpError ? err.status : err instanceof SignatureError ? 401 : err instanceof PayloadError ? 400 : 500;
    const reason = err instanceof Error ? err.message : String(err);
    if (status < 500) r.opts.logger.warn({ channel: 'wechat', status, reason }, 'wechat request refused');
    else r.opts.logger.error({ channel: 'wechat', err }, 'wechat request failed');
    ctx.status = status;
    ctx.type = 'text/plain';
    ctx.body = status < 500 ? reason : 'internal error';
    if (status === 413) ctx.set('Connection', 'close');
  }
}
