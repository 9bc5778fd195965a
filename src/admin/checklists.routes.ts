import type Router from '@koa/router';
import type { Context } from 'koa';
import { ChecklistRecordModel, type ChecklistRecord } from '../answers/checklist-record.model.js';
import { loadOffices } from '../answers/service-template.loader.js';
import type { TemplateStore } from '../answers/store/index.js';
import { endOfDay, shiftDay, startOfDay } from '../calendar/day-key.js';
import { requireRole } from './auth.js';
import { exportFormat, sendTables } from './export/send.js';
import { columns } from './export/tables.js';
import { beijingDate, beijingMinute } from './format.js';
import { adminError } from './http.js';
import { noticePage, type NoticeView } from './print/notice-page.js';
import { PRINT_CSP } from './print/html.js';
import { adminTexts } from './texts.js';

const ROLES = ['staff', 'leader', 'discipline', 'admin'] as const;

function one(ctx: Context, key: string): string | undefined {
  const v = ctx.query[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : undefined;
}

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || shiftDay(value, 0) !== value) throw adminError(400, 'bad_request', 'bad_day', { day: value });
  return value;
}

function filterOf(ctx: Context): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const from = one(ctx, 'from');
  const to = one(ctx, 'to');
  if (from || to) filter.createdAt = { ...(from ? { $gte: startOfDay(day(from)) } : {}), ...(to ? { $lte: endOfDay(day(to)) } : {}) };
  const number = one(ctx, 'number');
  if (number) filter.number = { $regex: number.replace(/[^A-Za-z0-9-]/g, ''), $options: 'i' };
  const service = one(ctx, 'service');
  if (service) filter.service = service;
  return filter;
}

/**
 * The written 一次性告知 records (G…): list, export, and each printed as a 一次性告知书 in duplicate.
 * The office and its address come from the service's published template and templates/offices.yml.
 */
export function registerChecklistRoutes(router: Router, opts: { store: TemplateStore; templatesDir: string }): void {
  const allowed = requireRole(...ROLES);
  const officeOf = async (service: string): Promise<string | undefined> => {
    const content = (await opts.store.published(`service:${service}`)) as { office?: unknown } | undefined;
    return typeof content?.office === 'string' ? content.office : undefined;
  };
  const view = async (r: ChecklistRecord) => {
    const t = adminTexts();
    const code = await officeOf(r.service);
    const office = code ? loadOffices(opts.templatesDir).get(code) : undefined;
    return {
      number: r.number, service: r.service, serviceLabel: t.report.service(r.service), office: code ?? null, officeName: office?.name ?? (code ? t.report.office(code) : null),
      kind: r.kind, kindLabel: t.label('notice', r.kind), createdAt: r.createdAt, channel: r.channel, channelLabel: t.report.channel(r.channel),
      items: r.items.map((i) => ({ id: i.id, name: i.name })), where: office ? { address: office.address, hours: office.hours, phone: office.phone } : null,
    };
  };

  router.get('/api/admin/checklists', allowed, async (ctx) => {
    const page = Math.max(1, Number(one(ctx, 'page') ?? 1) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(one(ctx, 'pageSize') ?? 20) || 20));
    const filter = filterOf(ctx);
    const [rows, total] = await Promise.all([
      ChecklistRecordModel.find(filter).sort({ createdAt: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<ChecklistRecord[]>(),
      ChecklistRecordModel.countDocuments(filter),
    ]);
    ctx.body = { items: await Promise.all(rows.map(view)), total, page, pageSize };
  });

  router.get('/api/admin/checklists/export', allowed, async (ctx) => {
    const t = adminTexts();
    const format = exportFormat(ctx.query.format);
    const rows = await ChecklistRecordModel.find(filterOf(ctx)).sort({ createdAt: -1 }).limit(5000).lean<ChecklistRecord[]>();
    const views = await Promise.all(rows.map(view));
    await sendTables(ctx, format, `一次性告知记录-${beijingDate(new Date())}`, [{
      title: t.render('sheet.checklists'),
      columns: columns(t, ['number', 'at', 'service', 'noticeKind', 'office', 'channel', 'items'], { number: 18, at: 18, items: 60 }),
      rows: views.map((v) => [v.number, beijingMinute(v.createdAt), v.serviceLabel, v.kindLabel, v.officeName ?? '', v.channelLabel, v.items.map((i, n) => `${n + 1}. ${i.name}`).join('\n')]),
    }]);
  });

  router.get('/admin/print/checklist/:number', allowed, async (ctx) => {
    const t = adminTexts();
    const record = await ChecklistRecordModel.findOne({ number: ctx.params.number }).lean<ChecklistRecord>();
    if (!record) throw adminError(404, 'not_found', 'not_found', { what: t.render('print.notice_title'), id: String(ctx.params.number) });
    const v = await view(record);
    const none = t.render('print.no_office_info');
    const notice: NoticeView = {
      number: v.number, date: beijingDate(v.createdAt), serviceLabel: v.serviceLabel, kindLabel: v.kindLabel, items: v.items.map((i) => i.name),
      officeName: v.officeName ?? none, address: v.where?.address ?? none, hours: v.where?.hours ?? none, phone: v.where?.phone ?? none,
    };
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', PRINT_CSP);
    ctx.body = noticePage(notice, t);
  });
}
