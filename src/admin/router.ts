import { fileURLToPath } from 'node:url';
import Router from '@koa/router';
import { registerAdminUi } from '../../admin-ui/server.js';
import type { Logger } from 'pino';
import { DeviceStore, SessionStore, type TemplateStore, type UserStore } from '../answers/store/index.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerCalendarRoutes } from './calendar.routes.js';
import { registerCaseRoutes } from './cases.routes.js';
import { registerChecklistRoutes } from './checklists.routes.js';
import { registerPlaceholderRoutes } from './placeholders.routes.js';
import { registerLabelRoutes } from './labels.routes.js';
import type { CommandDeps } from '../staffroom/commands.js';
import { requireLogin } from './auth.js';
import { errorMiddleware } from './http.js';
import { LoginLimiter, PasswordCheckGate } from './login-limiter.js';
import { fallbackRenderers, type PreviewRenderers } from './preview.js';
import { registerRosterRoutes } from './roster.routes.js';
import { registerReportRoutes } from './reports.routes.js';
import { registerStatsRoutes } from './stats.routes.js';
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
  /** the global cap on password checks (LOGIN_CHECKS_PER_SECOND; default 8 per second) */
  passwordChecks?: PasswordCheckGate;
  sessionTtlSeconds?: number;
  /** where templates/cases/routing.yml lives (the roster page shows the routing); the repository's templates/ by default */
  templatesDir?: string;
  /** the clock for overdue filters and access-log times (tests) */
  now?: () => Date;
  /** the staff room's command dependencies: the page's case actions run the room's commands (staffroom caseCommandDeps) */
  caseCommands?: CommandDeps;
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
  const templatesDir = options.templatesDir ?? fileURLToPath(new URL('../../templates', import.meta.url));
  const router = new Router();

  registerAdminUi(router);

  router.use('/api/admin', errorMiddleware(logger), async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  registerAuthRoutes(router, {
    users, sessions, logger,
    limiter: options.limiter ?? new LoginLimiter(),
    checks: options.passwordChecks ?? new PasswordCheckGate(8),
    devices: new DeviceStore(),
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
  registerCaseRoutes(router, { now: options.now, commands: options.caseCommands });
  registerRosterRoutes(router, { templatesDir, now: options.now });
  router.use('/api/admin/calendar', loggedIn);
  registerCalendarRoutes(router);
  router.use('/api/admin/labels', loggedIn);
  registerLabelRoutes(router);
  // the printable pages (monthly report, 一次性告知书) need the same login; errors there are JSON too
  router.use('/admin/print', errorMiddleware(logger), async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  router.use(['/api/admin/stats', '/api/admin/unanswered', '/api/admin/checklists', '/admin/print'], loggedIn);
  registerStatsRoutes(router, { now: options.now });
  registerChecklistRoutes(router, { store, templatesDir });
  router.use('/api/admin/placeholders', loggedIn);
  registerPlaceholderRoutes(router, { store, templatesDir });
  return router;
}
