import type Router from '@koa/router';
import type { Context } from 'koa';
import mongoose from 'mongoose';
import { CaseModel, CLOCK_RUNNING, maskedCard, maskText, type CaseRecord } from '../cases/index.js';
import { allStaff, Office, type OfficeRecord, type StaffRecord } from '../staff/index.js';
import { newestFirst } from '../db/newest-first.js';
import { identity, requireRole } from './auth.js';
import { AdminApiError } from './http.js';

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
const LIST_LIMIT = 200;

/** An admin account is linked to the roster member whose staffId equals its username. */
function linkedStaffId(ctx: Context, staff: Map<string, StaffRecord>): string | null {
  const { username } = identity(ctx);
  return staff.has(username) ? username : null;
}

async function staffById(): Promise<Map<string, StaffRecord>> {
  return new Map((await allStaff()).map((s) => [s.staffId, s]));
}

function isOverdue(c: CaseRecord, now: Date): boolean {
  return CLOCK_RUNNING.includes(c.status) && c.deadline.due.getTime() < now.getTime();
}

function summaryRow(c: CaseRecord, staff: Map<string, StaffRecord>, offices: Map<string, string>, now: Date) {
  const card = maskedCard(c);
  return {
    number: c.number, kind: c.kind, status: c.status, service: card.service, officeCode: c.officeCode,
    office: offices.get(c.officeCode) ?? c.officeCode,
    holder: c.holderId ? (staff.get(c.holderId)?.name ?? c.holderId) : null,
    firstResponder: c.firstResponderId ? (staff.get(c.firstResponderId)?.name ?? c.firstResponderId) : null,
    summary: card.summary, complainant: card.complainant, due: card.due, overdue: isOverdue(c, now), createdAt: c.createdAt,
    // a message to the villager could not be delivered: staff must phone (the number is on the logged identity view)
    needsPhoneCall: c.needsPhoneCall === true,
  };
}

function filterFrom(q: Record<string, unknown>, now: Date): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const str = (k: string) => (typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined);
  if (str('status')) filter.status = str('status');
  if (str('office')) filter.officeCode = str('office');
  if (str('kind')) filter.kind = str('kind');
  if (str('needsPhoneCall') === '1' || str('needsPhoneCall') === 'true') filter.needsPhoneCall = true;
  if (str('overdue') === '1' || str('overdue') === 'true') {
    filter['deadline.due'] = { $lt: now };
    if (!filter.status) filter.status = { $in: CLOCK_RUNNING };
  }
  return filter;
}

/** Whether this account may see the villager's full identity on this case. */
function mayIdentify(ctx: Context, c: CaseRecord, staffId: string | null): boolean {
  const roles = identity(ctx).roles;
  if (roles.includes('admin') || roles.includes('discipline')) return true;
  return !!staffId && (staffId === c.holderId || staffId === c.firstResponderId);
}

async function loadCase(number: string): Promise<CaseRecord> {
  const c = await CaseModel.findOne({ number }).lean<CaseRecord>();
  if (!c) throw new AdminApiError(404, 'not_found', `no case ${number}`);
  return c;
}

/** Case list, one case's history, and the logged full-identity view, under /api/admin/cases. */
export function registerCaseRoutes(router: Router, opts: { now?: () => Date } = {}): void {
  const now = opts.now ?? (() => new Date());
  const anyCaseRole = requireRole(...CASE_ROLES);

  router.get('/api/admin/cases', anyCaseRole, async (ctx) => {
    const at = now();
    const [rows, staff, offices] = await Promise.all([
      newestFirst<CaseRecord>(CaseModel, filterFrom(ctx.query, at), { field: 'createdAt', limit: LIST_LIMIT, now: at }),
      staffById(),
      Office.find().lean<OfficeRecord[]>().then((os) => new Map(os.map((o) => [o.code, o.name]))),
    ]);
    ctx.body = { cases: rows.map((c) => summaryRow(c, staff, offices, at)) };
  });

  router.get('/api/admin/cases/access-log', requireRole('admin', 'discipline'), async (ctx) => {
    const filter = typeof ctx.query.case === 'string' ? { caseNumber: ctx.query.case } : {};
    ctx.body = { entries: await newestFirst(AccessLog, filter, { field: 'at', limit: 500, now: now(), projection: { _id: 0 } }) };
  });

  router.get('/api/admin/cases/:number', anyCaseRole, async (ctx) => {
    const c = await loadCase(ctx.params.number ?? '');
    const staff = await staffById();
    const offices = new Map((await Office.find().lean<OfficeRecord[]>()).map((o) => [o.code, o.name]));
    const names = [c.complainant.name];
    const who = (id: string | null | undefined) => (id ? (staff.get(id)?.name ?? id) : null);
    ctx.body = {
      case: summaryRow(c, staff, offices, now()),
      details: maskedCard(c),
      history: c.history.map((h) => ({ ...h, actorName: who(h.actor) ?? h.actor, holder: who(h.holderId), note: h.note ? maskText(h.note, names) : h.note })),
      replies: c.replies.map((r) => ({ at: r.at, staff: who(r.staffId), text: maskText(r.text, names) })),
      extensions: c.extensions,
      rejection: c.rejection ?? null,
      result: c.result ? maskText(c.result, names) : null,
      identityAllowed: mayIdentify(ctx, c, linkedStaffId(ctx, staff)),
    };
  });

  router.get('/api/admin/cases/:number/identity', anyCaseRole, async (ctx) => {
    const c = await loadCase(ctx.params.number ?? '');
    const staffId = linkedStaffId(ctx, await staffById());
    const granted = mayIdentify(ctx, c, staffId);
    await AccessLog.create({ username: identity(ctx).username, staffId, caseNumber: c.number, granted, at: now() });
    if (!granted) throw new AdminApiError(403, 'forbidden', 'only the people on the case, the discipline role and admins see the full identity');
    const { name, phone, channel, userId, anonymous } = c.complainant;
    ctx.body = { number: c.number, complainant: { name: name ?? null, phone: phone ?? null, channel, userId, anonymous }, summary: c.summary, details: c.details };
  });
}
