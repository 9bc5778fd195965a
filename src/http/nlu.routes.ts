import Router from '@koa/router';
import getRawBody from 'raw-body';
import { HttpError } from '../core/errors.js';
import type { Nlu } from '../nlu/index.js';

/**
 * POST /api/nlu/try {text} → the classifier's view of a text. Only answered to requests from
 * this machine until the admin login protects it.
 */
export function createNluRouter(deps: { nlu: Nlu }): Router {
  const router = new Router();
  router.post('/api/nlu/try', async (ctx) => {
    const remote = ctx.req.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) throw new HttpError(403, 'local only');
    let body: unknown;
    try {
      body = JSON.parse(await getRawBody(ctx.req, { limit: '8kb', encoding: 'utf8' }));
    } catch (err) {
      throw new HttpError(400, 'body must be JSON {"text": "..."}', { cause: err });
    }
    const text = (body as { text?: unknown } | null)?.text;
    if (typeof text !== 'string' || !text.trim()) throw new HttpError(400, 'text must be a non-empty string');
    const c = deps.nlu.classify(text);
    ctx.body = { intent: c.intent, service: c.service ?? null, confidence: c.confidence, top2: c.top.slice(0, 2), shouldClarify: c.shouldClarify, tokens: c.tokens, why: c.why, entities: c.entities };
  });
  return router;
}
