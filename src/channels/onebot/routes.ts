import Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { PayloadError } from '../../core/errors.js';
import type { OneBotHttpApi } from './api.js';
import { verifyOneBotSignature } from './crypto.js';
import { parseOneBotEvent } from './decode.js';
import { quickOperation, sendActions } from './encode.js';
import { answerOneBotEvent, type OneBotAnswer, type OneBotTurnDeps } from './turn.js';

export interface OneBotRouteDeps extends OneBotTurnDeps {
  secret: string;
  /** the HTTP API for parts after the first; without it all parts go in the quick reply */
  api: OneBotHttpApi | undefined;
  bodyLimitBytes: number;
  track: (work: Promise<void>) => void;
}

async function sendRest(answer: OneBotAnswer, rest: string[], deps: OneBotRouteDeps): Promise<void> {
  try {
    for (const action of sendActions(answer.target, rest)) await deps.api?.call(action);
  } catch (err) {
    deps.logger.error({ err, channel: 'onebot' }, 'OneBot API send of a later reply part failed');
  }
}

async function handlePost(ctx: Context, deps: OneBotRouteDeps): Promise<void> {
  const raw = await getRawBody(ctx.req, { limit: deps.bodyLimitBytes });
  if (!verifyOneBotSignature(deps.secret, raw, ctx.get('x-signature') || undefined)) {
    deps.logger.warn({ channel: 'onebot' }, 'OneBot event with a bad X-Signature refused');
    ctx.status = 401;
    return;
  }
  const answer = await answerOneBotEvent(parseOneBotEvent(raw), deps);
  if (!answer) {
    ctx.status = 204; // always answer: OneBot otherwise waits for its (default: no) timeout
    return;
  }
  const [first = '', ...rest] = answer.parts;
  if (rest.length === 0 || !deps.api) {
    ctx.body = quickOperation(answer.parts.join('\n\n'), answer.target);
    return;
  }
  ctx.body = quickOperation(first, answer.target);
  // later parts go out once the quick reply has left, so they arrive after it
  ctx.res.once('finish', () => deps.track(sendRest(answer, rest, deps)));
}

/** POST /onebot: OneBot v11 HTTP POST events (X-Signature checked), answered by quick operation. */
export function createOneBotRouter(deps: OneBotRouteDeps): Router {
  const router = new Router();
  router.post('/onebot', async (ctx) => {
    try {
      await handlePost(ctx, deps);
    } catch (err) {
      if (err instanceof PayloadError) {
        deps.logger.warn({ channel: 'onebot', status: 400, reason: err.message }, 'OneBot event refused as bad input');
        ctx.status = 400;
        ctx.body = { error: 'bad payload' };
        return;
      }
      if ((err as { type?: unknown } | null)?.type === 'entity.too.large') {
        ctx.status = 413;
        ctx.set('Connection', 'close'); // the unread body is still on the socket
        return;
      }
      throw err;
    }
  });
  return router;
}
