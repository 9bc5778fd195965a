import Koa from 'koa';
import type Router from '@koa/router';
import { HttpError } from '../core/errors.js';
import type { Logger } from '../logger.js';

export interface AppDeps {
  logger: Logger;
  routers: Router[];
}

/**
 * The koa app: one error boundary (4xx errors are shown, 5xx are logged and hidden), then every router.
 */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
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
    }
  });
  for (const router of deps.routers) app.use(router.routes()).use(router.allowedMethods());
  app.on('error', (err: unknown) => deps.logger.debug({ err }, 'koa error event'));
  return app;
}
