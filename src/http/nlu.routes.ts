import Router from '@koa/router';
import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { HttpError } from '../core/errors.js';
import type { Nlu } from '../nlu/index.js';

export interface NluRouteDeps {
  nlu: Nlu;
  /** who may ask: the admin login with role admin or editor, CSRF checked like every admin POST */
  guard: Middleware;
  /** the pipeline's PII masker: nothing a tester typed comes back unmasked */
  maskText: (text: string) => string;
}

type Classification = ReturnType<Nlu['classify']>;

/**
 * The one place the response of /api/nlu/try is built (add fields here). When the text carries a
 * phone or ID number, every digit in tokens and features is starred (the tokenizer splits numbers
 * into single digits, so masking token by token would not hide them) and entities are masked.
 */
export function nluTryResponse(c: Classification, hasPersonalData: boolean, maskText: (t: string) => string): Record<string, unknown> {
  const star = (t: string): string => (hasPersonalData ? maskText(t).replace(/\d/g, '*') : t);
  const maskSpans = <T extends { value: string }>(spans: T[]): T[] => spans.map((s) => ({ ...s, value: maskText(s.value) }));
  return {
    intent: c.intent,
    service: c.service ?? null,
    confidence: c.confidence,
    top2: c.top.slice(0, 2),
    shouldClarify: c.shouldClarify,
    tokens: c.tokens.map(star),
    why: c.why.map(star),
    entities: { ...c.entities, phones: maskSpans(c.entities.phones), idNumbers: maskSpans(c.entities.idNumbers) },
  };
}

/** POST /api/nlu/try {text} → the classifier's view of a text, for logged-in admins and editors. */
export function createNluRouter(deps: NluRouteDeps): Router {
  const router = new Router();
  router.post('/api/nlu/try', deps.guard, async (ctx) => {
    let body: unknown;
    try {
      body = JSON.parse(await getRawBody(ctx.req, { limit: '8kb', encoding: 'utf8' }));
    } catch (err) {
      const tooLarge = (err as { type?: unknown }).type === 'entity.too.large';
      throw new HttpError(tooLarge ? 413 : 400, tooLarge ? 'body too large' : 'body must be JSON {"text": "..."}', { cause: err });
    }
    const text = (body as { text?: unknown } | null)?.text;
    if (typeof text !== 'string' || !text.trim()) throw new HttpError(400, 'text must be a non-empty string');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = nluTryResponse(deps.nlu.classify(text), deps.maskText(text) !== text, deps.maskText);
  });
  return router;
}
