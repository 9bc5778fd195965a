import { previewText, seedEntries } from '../answers/template-registry.js';
import { SessionStore, UserStore } from '../answers/store/index.js';
import type { Feature, FeatureContext } from '../features.js';
import { PasswordCheckGate } from './login-limiter.js';
import { caseCommandDeps } from '../staffroom/feature.js';
import { createAdminRouter } from './router.js';
import { loadConsoleTexts } from './template-names.js';

/**
 * The admin page (/admin) and its API: users and roles, template drafts, review and publication.
 * On start it imports the file templates as version 1 (once) and creates the first admin account.
 */
export function adminFeature(ctx: FeatureContext): Feature {
  const users = new UserStore();
  const sessions = new SessionStore();
  const consoleTexts = loadConsoleTexts(ctx.templatesDir, { township: ctx.config.TOWNSHIP_NAME });
  const preview = previewText(consoleTexts.fillPreview);
  const stops: (() => void)[] = [];
  return {
    name: 'admin',
    routers: [createAdminRouter({
      store: ctx.templates, users, sessions, logger: ctx.logger,
      secureCookies: ctx.config.PUBLIC_BASE_URL?.startsWith('https:') ?? false,
      previewRenderers: { wechat: preview, qq: preview }, templatesDir: ctx.templatesDir, consoleTexts,
      passwordChecks: new PasswordCheckGate(ctx.config.LOGIN_CHECKS_PER_SECOND),
      caseCommands: caseCommandDeps(ctx, () => new Date()),
    })],
    start: async () => {
      const { imported } = await ctx.templates.seedFromFiles(seedEntries(ctx.templatesDir));
      if (imported.length) ctx.logger.info({ count: imported.length }, 'imported file templates as published version 1');
      const admin = await users.ensureBootstrapAdmin(ctx.config.ADMIN_USERNAME, ctx.config.ADMIN_PASSWORD);
      if (admin === 'no_password') ctx.logger.warn('no admin account yet: set ADMIN_PASSWORD to create one');
      await ctx.templates.refreshIfChanged();
      stops.push(ctx.templates.startAutoRefresh());
      stops.push(sessions.startSweeper(undefined, (err) => ctx.logger.warn({ err }, 'session sweep failed')));
    },
    stop: async () => { for (const s of stops) s(); },
  };
}
