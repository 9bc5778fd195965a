import Koa from 'koa';
import type Router from '@koa/router';
import { HttpError } from '../core/errors.js';
import type { Logger } from '../logger.js';
import { applyTrustProxy, type TrustProxy } from './trust-proxy.js';

export interface AppDeps {
  logger: Logger;
  routers: Router[];
  /** TRUST_PROXY: whose X-Forwarded-For sets ctx.ip (nobody's by default) */
  trustProxy?: TrustProxy;
}

/** Bodies up to this size that a route left unread are drained so the keep-alive connection stays usable. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * A route that answered without reading the whole body (413, or a refusal before the body) leaves
 * the rest on the socket, and the next request on that keep-alive connection hangs behind it
 * (issue 13, finding 6): drain a small remainder, close the connection after a large one.
 */
function settleUnreadBody(ctx: Koa.Context): void {
  const req = ctx.req;
  if (req.complete || req.readableEnded) return;
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length <= DRAIN_LIMIT_BYTES) {
    req.resume();
    return;
  }
  ctx.set('Connection', 'close');
}

/**
 * The koa app: one error boundary (4xx errors are shown, 5xx are logged and hidden), then every router.
 */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  applyTrustProxy(app, deps.trustProxy ?? { kind: 'off' });
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = err instanceof HttpError ? err.status : typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
      const expose = status < 500;
      ctx.status = status;
      ctx.body = { error: { code: status, message: expose && err instanceof Error ? err.message : 'internal error' } };
      if (expose) deps.logger.warn({ status, path: ctx.path, reason: err instanceof Error ? err.message : String(err) }, 'request rejected');
      else deps.logger.error({ err, path: ctx.path, method: ctx.method }, 'request failed');
    } finally {
      settleUnreadBody(ctx);
    }
  });
  for (const router of deps.routers) app.use(router.routes()).use(router.allowedMethods());
  app.on('error', (err: unknown) => deps.logger.debug({ err }, 'koa error event'));
  return app;
}
