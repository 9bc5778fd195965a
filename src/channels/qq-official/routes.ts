import Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { TurnHandler } from '../../core/channel.js';
import { PayloadError } from '../../core/errors.js';
import type { Logger } from '../../logger.js';
import { verifyQqSignature, qqValidationResponse, type QqKeys } from './crypto.js';
import { decodeQqMessage, parseQqMessageEvent, parseQqPayload, parseQqValidation, type QqMessageEvent } from './decode.js';
import type { QqReplyTarget } from './encode.js';
import type { QqPushSender } from './sender.js';

export interface QqRouteDeps {
  keys: QqKeys;
  handleTurn: TurnHandler;
  sender: QqPushSender;
  logger: Logger;
  /** deadline given to each turn; the reply is sent after the ACK, so it can be generous */
  deadlineMs: number;
  bodyLimitBytes: number;
  /** background turns started after the ACK, so callers (tests, shutdown) can wait for them */
  track: (work: Promise<void>) => void;
}

/** ACK of a dispatch; `d: 1` would ask QQ to redeliver (botgo GenDispatchACK). */
const DISPATCH_ACK = { op: 12, d: 0 } as const;

function replyTarget(event: QqMessageEvent): QqReplyTarget {
  return event.kind === 'c2c'
    ? { kind: 'c2c', openid: event.message.author.user_openid, msgId: event.message.id }
    : { kind: 'group', groupOpenid: event.message.group_openid, msgId: event.message.id };
}

async function readVerified(ctx: Context, deps: QqRouteDeps): Promise<Buffer | undefined> {
  const raw = await getRawBody(ctx.req, { limit: deps.bodyLimitBytes });
  const timestamp = ctx.get('x-signature-timestamp');
  const signature = ctx.get('x-signature-ed25519');
  if (!verifyQqSignature(deps.keys, timestamp, raw, signature)) {
    deps.logger.warn({ channel: 'qq' }, 'QQ callback with a bad signature refused');
    ctx.status = 401;
    return undefined;
  }
  return raw;
}

async function answerTurn(event: QqMessageEvent, inbound: ReturnType<typeof decodeQqMessage>, deps: QqRouteDeps): Promise<void> {
  try {
    const outcome = await deps.handleTurn(inbound, { deadlineMs: deps.deadlineMs });
    // a redelivery (same d.id) was answered the first time; QQ would reject a repeated msg_seq anyway
    if (outcome.duplicate || outcome.reply.parts.length === 0) return;
    await deps.sender.reply(event.message.id, outcome.reply);
  } catch (err) {
    deps.logger.error({ err, channel: 'qq', messageId: inbound.messageId }, 'QQ turn or passive reply failed');
  }
}

async function handleCallback(ctx: Context, deps: QqRouteDeps): Promise<void> {
  const raw = await readVerified(ctx, deps);
  if (!raw) return;
  const payload = parseQqPayload(raw);
  if (payload.op === 13) {
    const { plain_token, event_ts } = parseQqValidation(payload);
    ctx.body = qqValidationResponse(deps.keys, plain_token, event_ts);
    return;
  }
  if (payload.op === 1) {
    ctx.body = { op: 11, d: payload.d ?? null };
    return;
  }
  const event = parseQqMessageEvent(payload);
  ctx.body = DISPATCH_ACK;
  if (!event) return;
  const inbound = decodeQqMessage(event, payload);
  const recipients = event.kind === 'c2c' ? [inbound.userId] : [inbound.userId, event.message.group_openid];
  deps.sender.open(replyTarget(event), recipients);
  deps.track(answerTurn(event, inbound, deps));
}

/** POST /qq: the QQ official bot webhook (signature check, op 13 validation, dispatch ACK + passive reply). */
export function createQqRouter(deps: QqRouteDeps): Router {
  const router = new Router();
  router.post('/qq', async (ctx) => {
    try {
      await handleCallback(ctx, deps);
    } catch (err) {
      if (err instanceof PayloadError) {
        deps.logger.warn({ channel: 'qq', status: 400, reason: err.message }, 'QQ callback refused as bad input');
        ctx.status = 400;
        ctx.body = { error: 'bad payload' };
        return;
      }
      if (isTooLarge(err)) {
        ctx.status = 413;
        ctx.set('Connection', 'close'); // the unread body is still on the socket
        return;
      }
      throw err;
    }
  });
  return router;
}

function isTooLarge(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.too.large';
}
