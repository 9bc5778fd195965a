import type Router from '@koa/router';
import type { Context } from 'koa';
import { buildStatistics, ReportTexts, unansweredPage, type Period, type Statistics } from '../reports/index.js';
import { requireRole } from './auth.js';
import { rosterNames } from './case-view.js';
import { exportFormat, sendTables } from './export/send.js';
import { statisticsTables } from './export/stats-tables.js';
import { columns } from './export/tables.js';
import { beijingMinute } from './format.js';
import { periodFromQuery } from './period-query.js';
import { PRINT_CSP } from './print/html.js';
import { reportPage } from './print/report-page.js';
import { adminTexts } from './texts.js';

/** 统计 is for leaders, the discipline inspector (纪检) and admins. */
export const STATS_ROLES = ['leader', 'discipline', 'admin'] as const;

export interface StatsRouteOptions {
  now?: () => Date;
}

/** The statistics of a period with the roster's names. */
export async function statisticsFor(period: Period, now: Date): Promise<Statistics> {
  const names = await rosterNames();
  const staff = new Map([...names.staff].map(([id, s]) => [id, { name: s.name, officeCode: s.officeCode }]));
  return buildStatistics({ period, now, texts: ReportTexts.load(), offices: names.offices, staff });
}

function one(ctx: Context, key: string): string | undefined {
  const v = ctx.query[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : undefined;
}

function positive(ctx: Context, key: string, fallback: number, max: number): number {
  const n = Number(one(ctx, key) ?? fallback);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/**
 * GET /api/admin/stats (the figures), /stats/export and /reports/export (the month's 一月一报 as XLSX or
 * CSV), /unanswered and /unanswered/export (the template backlog: what the bot could not answer).
 */
export function registerStatsRoutes(router: Router, opts: StatsRouteOptions = {}): void {
  const now = opts.now ?? (() => new Date());
  const stats = requireRole(...STATS_ROLES);

  router.get('/api/admin/stats', stats, async (ctx) => {
    ctx.body = await statisticsFor(periodFromQuery(ctx), now());
  });

  const exportStats = (prefix: string) => async (ctx: Context) => {
    const format = exportFormat(ctx.query.format);
    const s = await statisticsFor(periodFromQuery(ctx), now());
    await sendTables(ctx, format, `${prefix}-${s.period.key}`, statisticsTables(s, adminTexts()));
  };
  router.get('/api/admin/stats/export', stats, exportStats('统计'));
  router.get('/api/admin/reports/export', stats, exportStats('一月一报'));

  router.get('/admin/print/report', stats, async (ctx) => {
    const s = await statisticsFor(periodFromQuery(ctx), now());
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', PRINT_CSP);
    ctx.body = reportPage(s, adminTexts());
  });

  const backlogRoles = requireRole(...STATS_ROLES, 'editor');
  const backlog = async (ctx: Context, page: number, pageSize: number) => {
    const t = adminTexts();
    const filter = { service: one(ctx, 'service'), reason: one(ctx, 'reason') };
    const { rows, total } = await unansweredPage(periodFromQuery(ctx), filter, page, pageSize);
    const reason = (k: string) => (t.report.has(`unanswered_reason.${k}`) ? t.report.render(`unanswered_reason.${k}`) : k);
    const items = rows.map((r) => ({
      at: r.at, channel: r.channel, channelLabel: t.report.channel(r.channel), service: r.service ?? null,
      serviceLabel: r.service ? t.report.service(r.service) : null, intent: r.intent ?? null, text: r.textMasked, reason: r.reason, reasonLabel: reason(r.reason),
    }));
    return { items, total };
  };
  router.get('/api/admin/unanswered', backlogRoles, async (ctx) => {
    const page = positive(ctx, 'page', 1, Number.MAX_SAFE_INTEGER);
    const pageSize = positive(ctx, 'pageSize', 20, 100);
    ctx.body = { ...(await backlog(ctx, page, pageSize)), page, pageSize };
  });
  router.get('/api/admin/unanswered/export', backlogRoles, async (ctx) => {
    const t = adminTexts();
    const format = exportFormat(ctx.query.format);
    const { items } = await backlog(ctx, 1, 5000);
    await sendTables(ctx, format, `未能答复-${beijingMinute(now()).slice(0, 10)}`, [{
      title: t.render('sheet.unanswered'),
      columns: columns(t, ['at', 'channel', 'service', 'reason', 'question'], { at: 18, question: 60 }),
      rows: items.map((i) => [beijingMinute(i.at), i.channelLabel, i.serviceLabel ?? '', i.reasonLabel, i.text]),
    }]);
  });
}
