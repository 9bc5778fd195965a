import type Router from '@koa/router';
import { buildReport, renderReportText, ReportTexts } from '../reports/index.js';
import { requireRole } from './auth.js';
import { adminError } from './http.js';
import { periodFromQuery } from './period-query.js';

/** 群众咨询梳理分析 is read by leaders and the discipline inspector (纪检); admins too. */
const REPORT_ROLES = ['leader', 'discipline', 'admin'] as const;

export interface ReportRouteOptions {
  /** the clock for "overdue" (tests) */
  now?: () => Date;
  texts?: ReportTexts;
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `GET /api/admin/reports?from=&to=[&format=text]`: the statistics as JSON, or as the Chinese
 * plain text for the 一月一报. Mount after `requireLogin` on `/api/admin/reports`.
 */
export function registerReportRoutes(router: Router, options: ReportRouteOptions = {}): void {
  let texts = options.texts;
  router.get('/api/admin/reports', requireRole(...REPORT_ROLES), async (ctx) => {
    const period = periodFromQuery(ctx);
    const format = one(ctx.query.format) ?? 'json';
    if (format !== 'json' && format !== 'text') throw adminError(400, 'bad_format', 'bad_report_format');
    texts ??= ReportTexts.load();
    const report = await buildReport({ from: period.from, to: period.to, now: options.now?.(), texts });
    if (format === 'text') {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = renderReportText(report, texts);
      return;
    }
    ctx.body = report;
  });
}
