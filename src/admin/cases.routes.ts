import type Router from '@koa/router';
import type { Context } from 'koa';
import mongoose from 'mongoose';
import { CaseModel, type CaseRecord } from '../cases/index.js';
import type { CommandDeps } from '../staffroom/commands.js';
import { newestFirst } from '../db/newest-first.js';
import { identity, requireRole } from './auth.js';
import { linkedStaff, possibleActions, registerCaseActionRoutes } from './case-actions.js';
import { caseQuery, findAllCases, findCasePage, MAX_ROWS } from './case-query.js';
import { caseDetail, caseRow, rosterNames } from './case-view.js';
import { casesTable } from './export/tables.js';
import { exportFormat, sendTables } from './export/send.js';
import { beijingDate } from './format.js';
import { adminError } from './http.js';
import { adminTexts } from './texts.js';

/**
 * Who looked at a villager's full identity, when, on which case (001 第四条: the complainant's identity is
 * confidential; every disclosure to staff is on record). Refused attempts are kept too.
 */
const accessLogSchema = new mongoose.Schema(
  {
    username: { type: String, required: true },
    staffId: { type: String, default: null },
    caseNumber: { type: String, required: true, index: true },
    granted: { type: Boolean, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'case_access_log', versionKey: false },
);
accessLogSchema.index({ at: -1 }); // the log's newest page (newestFirst)
export const AccessLog = mongoose.model('CaseAccessLog', accessLogSchema);

const CASE_ROLES = ['admin', 'staff', 'leader', 'discipline'] as const;

export interface CaseRouteOptions {
  now?: () => Date;
  /** what the staff room's commands need; without it the page's case actions answer 503 */
  commands?: CommandDeps;
}

/** Whether this account may see the villager's full identity on this case. */
function mayIdentify(ctx: Context, c: CaseRecord, staffId: string | null | undefined): boolean {
  const roles = identity(ctx).roles;
  if (roles.includes('admin') || roles.includes('discipline')) return true;
  return !!staffId && (staffId === c.holderId || staffId === c.firstResponderId);
}

async function loadCase(number: string): Promise<CaseRecord> {
  const c = await CaseModel.findOne({ number }).lean<CaseRecord>();
  if (!c) throw adminError(404, 'not_found', 'not_found', { what: '案件', id: number });
  return c;
}

async function detailBody(ctx: Context, number: string, now: Date) {
  const c = await loadCase(number);
  const [names, staff] = await Promise.all([rosterNames(), linkedStaff(ctx)]);
  return {
    ...(await caseDetail(c, names, adminTexts(), now)),
    identityAllowed: mayIdentify(ctx, c, staff?.staffId),
    actions: staff ? possibleActions(c) : [],
  };
}

/** Case list (search, filters, paging), one case in full, its actions, and the logged full-identity view. */
export function registerCaseRoutes(router: Router, opts: CaseRouteOptions = {}): void {
  const now = opts.now ?? (() => new Date());
  const anyCaseRole = requireRole(...CASE_ROLES);

  router.get('/api/admin/cases', anyCaseRole, async (ctx) => {
    const at = now();
    const texts = adminTexts();
    const query = await caseQuery(ctx.query, at, texts);
    const [{ rows, total }, names] = await Promise.all([findCasePage(query, at), rosterNames()]);
    ctx.body = {
      cases: rows.map((c) => caseRow(c, names, texts, at)),
      total, page: query.page, pageSize: query.pageSize, pages: Math.max(1, Math.ceil(total / query.pageSize)),
      filters: query.understood,
    };
  });

  router.get('/api/admin/cases/access-log', requireRole('admin', 'discipline'), async (ctx) => {
    const filter = typeof ctx.query.case === 'string' ? { caseNumber: ctx.query.case } : {};
    ctx.body = { entries: await newestFirst(AccessLog, filter, { field: 'at', limit: 500, now: now(), projection: { _id: 0 } }) };
  });

  router.get('/api/admin/cases/export', anyCaseRole, async (ctx) => {
    const at = now();
    const texts = adminTexts();
    const format = exportFormat(ctx.query.format);
    const query = await caseQuery(ctx.query, at, texts);
    const [{ rows, more }, names] = await Promise.all([findAllCases(query), rosterNames()]);
    if (more) throw adminError(400, 'bad_request', 'too_many_rows', { max: MAX_ROWS });
    await sendTables(ctx, format, `案件-${beijingDate(at)}`, [casesTable(rows.map((c) => caseRow(c, names, texts, at)), texts)]);
  });

  router.get('/api/admin/cases/:number', anyCaseRole, async (ctx) => {
    ctx.body = await detailBody(ctx, ctx.params.number ?? '', now());
  });

  registerCaseActionRoutes(router, opts.commands, (ctx, number) => detailBody(ctx, number, now()));

  router.get('/api/admin/cases/:number/identity', anyCaseRole, async (ctx) => {
    const c = await loadCase(ctx.params.number ?? '');
    const staffId = (await linkedStaff(ctx))?.staffId ?? null;
    const granted = mayIdentify(ctx, c, staffId);
    await AccessLog.create({ username: identity(ctx).username, staffId, caseNumber: c.number, granted, at: now() });
    if (!granted) throw adminError(403, 'forbidden', 'identity_forbidden');
    const { name, phone, channel, userId, anonymous } = c.complainant;
    ctx.body = { number: c.number, complainant: { name: name ?? null, phone: phone ?? null, channel, userId, anonymous }, summary: c.summary, details: c.details };
  });
}
