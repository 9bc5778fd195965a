import Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { PayloadError, SignatureError } from '../../core/errors.js';
import type { Logger } from '../../logger.js';
import type { SignedQuery, WecomBotCrypto } from './crypto.js';
import { decodeBotMessage, parseBotMessage, parseEncryptedBody } from './decode.js';
import { streamReply } from './encode.js';
import type { WecomBotRoom } from './room.js';

export interface WecomBotRouteDeps {
  crypto: WecomBotCrypto;
  room: WecomBotRoom;
  logger: Logger;
  /** the passive reply waits this long for the answer (WeCom retries after 5 s); later answers are posted */
  answerWithinMs: number;
  bodyLimitBytes: number;
  track: (work: Promise<void>) => void;
}

const SEEN_LIMIT = 2000;

/** Query values as WeCom sent them: a '+' of base64 that a form decoder turned into a space is put back. */
function signedQuery(ctx: Context): SignedQuery & { echostr: string } {
  const q = (name: string) => {
    const v = ctx.query[name];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  return { msg_signature: q('msg_signature'), timestamp: q('timestamp'), nonce: q('nonce'), echostr: q('echostr').replaceAll(' ', '+') };
}

function refuse(ctx: Context, err: unknown, logger: Logger): boolean {
  if (err instanceof SignatureError) {
    logger.warn({ channel: 'wecom', reason: err.message }, '企业微信 callback refused: signature or decryption failed');
    ctx.status = 401;
    return true;
  }
  if (err instanceof PayloadError) {
    logger.warn({ channel: 'wecom', reason: err.message }, '企业微信 callback refused: bad payload');
    ctx.status = 400;
    return true;
  }
  return false;
}

/**
 * GET /wecom/bot answers the URL check (the decrypted echostr, as it is, within 1 s: path/101033);
 * POST /wecom/bot takes a member's @-mention, runs it as a staff-room command and answers with an
 * encrypted stream reply, or with an empty 200 when there is nothing to say or the answer is late
 * (it is then posted through the webhook).
 */
export function createWecomBotRouter(deps: WecomBotRouteDeps): Router {
  const router = new Router();
  const seen = new Set<string>();

  router.get('/wecom/bot', (ctx) => {
    const query = signedQuery(ctx);
    try {
      if (!query.echostr) throw new PayloadError('no echostr');
      ctx.type = 'text/plain';
      ctx.body = deps.crypto.open(query, query.echostr, null);
    } catch (err) {
      if (!refuse(ctx, err, deps.logger)) throw err;
    }
  });

  router.post('/wecom/bot', async (ctx) => {
    let decoded: ReturnType<typeof decodeBotMessage>;
    let msgid: string;
    try {
      const raw = await getRawBody(ctx.req, { limit: deps.bodyLimitBytes, encoding: 'utf8' });
      const message = parseBotMessage(deps.crypto.open(signedQuery(ctx), parseEncryptedBody(raw)));
      msgid = message.msgid;
      decoded = decodeBotMessage(message);
    } catch (err) {
      if (!refuse(ctx, err, deps.logger)) throw err;
      return;
    }
    ctx.status = 200;
    ctx.body = '';
    // WeCom calls again when it had no answer within 5 s: one answer per message
    if (!decoded || seen.has(msgid)) return;
    seen.add(msgid);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
    const { from, text } = decoded;
    const work = deps.room.answer(from, text);
    const late = Symbol('late');
    const first = await Promise.race([work, new Promise<typeof late>((r) => setTimeout(() => r(late), deps.answerWithinMs).unref())]);
    if (first === late) {
      deps.track(work.then((answer) => (answer ? deps.room.postLate(from, answer) : undefined)));
      return;
    }
    if (first === undefined) return;
    ctx.type = 'application/json';
    ctx.body = deps.crypto.seal(JSON.stringify(streamReply(`answer-${msgid}`, first)));
  });
  return router;
}
