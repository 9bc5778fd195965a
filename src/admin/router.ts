import { fileURLToPath } from 'node:url';
import Router from '@koa/router';
import { registerAdminUi } from '../../admin-ui/server.js';
import type { Logger } from 'pino';
import { SessionStore, type TemplateStore, type UserStore } from '../answers/store/index.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerCalendarRoutes } from './calendar.routes.js';
import { registerCaseRoutes } from './cases.routes.js';
import { requireLogin } from './auth.js';
import { errorMiddleware } from './http.js';
import { LoginLimiter } from './login-limiter.js';
import { fallbackRenderers, type PreviewRenderers } from './preview.js';
import { registerRosterRoutes } from './roster.routes.js';
import { registerReportRoutes } from './reports.routes.js';
import { registerTemplateRoutes } from './templates.routes.js';
import { registerUserRoutes } from './users.routes.js';
import { loadConsoleTexts, type ConsoleTexts } from './template-names.js';

export interface AdminRouterOptions {
  store: TemplateStore;
  users: UserStore;
  logger: Logger;
  previewRenderers?: PreviewRenderers;
  sessions?: SessionStore;
  /** true when PUBLIC_BASE_URL is https: cookies get the Secure flag */
  secureCookies?: boolean;
  limiter?: LoginLimiter;
  sessionTtlSeconds?: number;
  /** where templates/cases/routing.yml lives (the roster page shows the routing); the repository's templates/ by default */
  templatesDir?: string;
  /** the clock for overdue filters and access-log times (tests) */
  now?: () => Date;
  /** Chinese template names and preview samples (templates/admin-console.yml under templatesDir by default) */
  consoleTexts?: ConsoleTexts;
}

/**
 * The admin console (GET /admin, served by admin-ui/) and its JSON API under /api/admin. Mount with
 * `app.use(router.routes()).use(router.allowedMethods())`.
 */
export function createAdminRouter(options: AdminRouterOptions): Router {
  const ttl = options.sessionTtlSeconds ?? 8 * 3600;
  const sessions = options.sessions ?? new SessionStore(ttl * 1000);
  const { users, logger, store } = options;
  const router = new Router();

  const templatesDir = options.templatesDir ?? fileURLToPath(new URL('../../templates', import.meta.url));
  registerAdminUi(router);

  router.use('/api/admin', errorMiddleware(logger), async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  registerAuthRoutes(router, {
    users, sessions, logger,
    limiter: options.limiter ?? new LoginLimiter(),
    secureCookies: options.secureCookies ?? false,
    sessionTtlSeconds: ttl,
  });
  const loggedIn = requireLogin(users, sessions);
  router.use(['/api/admin/templates', '/api/admin/review-queue', '/api/admin/users'], loggedIn);
  registerTemplateRoutes(router, { store, renderers: options.previewRenderers ?? fallbackRenderers, texts: options.consoleTexts ?? loadConsoleTexts(templatesDir) });
  registerUserRoutes(router, users, sessions);
  router.use('/api/admin/reports', loggedIn);
  registerReportRoutes(router, { now: options.now });
  router.use(['/api/admin/cases', '/api/admin/roster'], loggedIn);
  registerCaseRoutes(router, { now: options.now });
  registerRosterRoutes(router, { templatesDir, now: options.now });
  router.use('/api/admin/calendar', loggedIn);
  registerCalendarRoutes(router);
  return router;
}
