import { endOfDay, shiftDay, startOfDay } from '../calendar/day-key.js';
import { CASE_KINDS, CaseModel, CLOCK_RUNNING, type CaseRecord, type CaseStatus } from '../cases/index.js';
import { Office, Staff, type OfficeRecord, type StaffRecord } from '../staff/index.js';
import { newestFirst } from '../db/newest-first.js';
import { adminError } from './http.js';
import type { AdminTexts } from './texts.js';

/** Every status, for label look-ups (the transition table's order). */
export const CASE_STATUSES: readonly CaseStatus[] = ['received', 'assigned', 'taken', 'transferred', 'answered', 'closed', 'reopened', 'paused', 'rejectionFiled', 'rejected'];

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** the most cases one export or one in-memory filtered listing reads */
export const MAX_ROWS = 5000;

type Query = Record<string, unknown>;

/** How the query was understood (shown by the console next to the filters). */
export interface UnderstoodFilters {
  office?: { code: string; name: string };
  kind?: { key: string; label: string };
  status?: { key: string; label: string };
  firstResponder?: { staffId: string; name: string };
}

export interface CaseQuery {
  filter: Record<string, unknown>;
  /** checks that the database cannot express (closed on time or late: closedAt against deadline.due) */
  post?: (c: CaseRecord) => boolean;
  understood: UnderstoodFilters;
  page: number;
  pageSize: number;
}

function str(q: Query, key: string): string | undefined {
  const v = Array.isArray(q[key]) ? (q[key] as unknown[])[0] : q[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

const flag = (q: Query, key: string) => ['1', 'true', 'yes'].includes(str(q, key) ?? '');

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || shiftDay(value, 0) !== value) throw adminError(400, 'bad_request', 'bad_day', { day: value });
  return value;
}

function intIn(value: string | undefined, fallback: number, max: number, field: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw adminError(400, 'bad_request', 'positive_integer', { field });
  return Math.min(n, max);
}

/** An office by code, exact name, or a unique part of its name (民政办 finds 镇民政办). */
export function findOfficeByName(offices: OfficeRecord[], input: string): OfficeRecord | undefined {
  const exact = offices.find((o) => o.code === input || o.name === input);
  if (exact) return exact;
  const partial = offices.filter((o) => o.name.includes(input) || input.includes(o.name));
  return partial.length === 1 ? partial[0] : undefined;
}

function byCodeOrLabel(input: string, keys: readonly string[], label: (k: string) => string): string | undefined {
  return keys.find((k) => k === input || label(k) === input) ?? keys.find((k) => label(k).includes(input));
}

async function officeFilter(input: string, understood: UnderstoodFilters): Promise<string> {
  const offices = await Office.find().sort({ code: 1 }).lean<OfficeRecord[]>();
  const office = findOfficeByName(offices, input);
  if (!office) throw adminError(400, 'bad_request', 'unknown_office', { name: input, choices: offices.map((o) => o.name).join('、') });
  understood.office = { code: office.code, name: office.name };
  return office.code;
}

async function staffIds(input: string): Promise<StaffRecord[]> {
  return Staff.find({ $or: [{ staffId: input }, { name: input }, { chatHandle: input }] }).lean<StaffRecord[]>();
}

/** Days (Beijing) on createdAt or closedAt: a range over an indexed time field. */
function dateRange(q: Query, filter: Record<string, unknown>): void {
  const from = str(q, 'from');
  const to = str(q, 'to');
  if (!from && !to) return;
  const field = str(q, 'dateField') === 'closed' ? 'closedAt' : 'createdAt';
  filter[field] = { ...(from ? { $gte: startOfDay(day(from)) } : {}), ...(to ? { $lte: endOfDay(day(to)) } : {}) };
}

/** Words in the number, summary or details (what, who, wants); the case number alone when it looks like one. */
function textFilter(q: Query, and: Record<string, unknown>[]): void {
  const text = str(q, 'q');
  if (text) {
    const re = { $regex: escapeRegex(text), $options: 'i' };
    and.push({ $or: [{ number: re }, { summary: re }, { 'details.what': re }, { 'details.wants': re }, { 'details.who': re }] });
  }
  const number = str(q, 'number');
  if (number) and.push({ number: { $regex: escapeRegex(number), $options: 'i' } });
  const village = str(q, 'village');
  if (village) and.push({ 'details.village': { $regex: escapeRegex(village) } });
  // the statistics' drill-down names one village exactly
  const villageIs = str(q, 'villageIs');
  if (villageIs) and.push({ 'details.village': villageIs });
  const villager = str(q, 'villager');
  if (villager) {
    // searched on the stored identity; the rows stay masked
    const digits = villager.replace(/\D/g, '');
    const or: Record<string, unknown>[] = [{ 'complainant.name': { $regex: escapeRegex(villager) } }];
    if (digits.length >= 4) or.push({ 'complainant.phone': { $regex: escapeRegex(digits) } });
    and.push({ $or: or });
  }
}

/** The case list's query string as a database filter, with what each Chinese name was understood as. */
export async function caseQuery(q: Query, now: Date, texts: AdminTexts): Promise<CaseQuery> {
  const filter: Record<string, unknown> = {};
  const and: Record<string, unknown>[] = [];
  const understood: UnderstoodFilters = {};
  dateRange(q, filter);
  textFilter(q, and);
  const office = str(q, 'office');
  if (office) filter.officeCode = await officeFilter(office, understood);
  const kind = str(q, 'kind');
  if (kind) {
    const key = byCodeOrLabel(kind, CASE_KINDS, (k) => texts.report.kind(k));
    if (!key) throw adminError(400, 'bad_request', 'unknown_kind', { name: kind, choices: CASE_KINDS.map((k) => texts.report.kind(k)).join('、') });
    filter.kind = key;
    understood.kind = { key, label: texts.report.kind(key) };
  }
  const status = str(q, 'status');
  if (status) {
    const key = byCodeOrLabel(status, CASE_STATUSES, (k) => texts.status(k));
    if (!key) throw adminError(400, 'bad_request', 'unknown_status', { name: status, choices: CASE_STATUSES.map((k) => texts.status(k)).join('、') });
    filter.status = key;
    understood.status = { key, label: texts.status(key) };
  }
  const service = str(q, 'service');
  if (service) filter.service = service;
  for (const [param, field] of [['firstResponder', 'firstResponderId'], ['holder', 'holderId']] as const) {
    const who = str(q, param);
    if (!who) continue;
    const found = await staffIds(who);
    filter[field] = { $in: found.length ? found.map((s) => s.staffId) : [who] };
    if (param === 'firstResponder' && found[0]) understood.firstResponder = { staffId: found[0].staffId, name: found[0].name };
  }
  if (flag(q, 'needsPhoneCall')) filter.needsPhoneCall = true;
  if (flag(q, 'extended')) filter['extensions.decision'] = 'approved';
  if (flag(q, 'overdue')) {
    filter['deadline.due'] = { $lt: now };
    if (!filter.status) filter.status = { $in: CLOCK_RUNNING };
  }
  if (and.length) filter.$and = and;
  const timeliness = str(q, 'timeliness');
  const post = timeliness === 'onTime' || timeliness === 'late'
    ? (c: CaseRecord) => !!c.closedAt && (new Date(c.closedAt).getTime() > new Date(c.deadline.due).getTime()) === (timeliness === 'late')
    : undefined;
  if (post) filter.closedAt = filter.closedAt ?? { $ne: null };
  return {
    filter, post, understood,
    page: intIn(str(q, 'page'), 1, Number.MAX_SAFE_INTEGER, '页码'),
    pageSize: intIn(str(q, 'pageSize'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, '每页条数'),
  };
}

/** Pages this deep are read window by window from the createdAt index; deeper ones sort the whole match. */
const WINDOWED_ROWS = 1000;

/**
 * How many cases match: with no filter the server's count of the collection (the embedded
 * FerretDB reads record IDs only, db/patches/ferretdb/0005), otherwise a count over the filter
 * (served by an index where the filter has an indexed equality or date range).
 */
function countCases(filter: Record<string, unknown>): Promise<number> {
  return Object.keys(filter).length === 0 ? CaseModel.estimatedDocumentCount() : CaseModel.countDocuments(filter);
}

/** One page of cases, newest first, and how many match in all. */
export async function findCasePage(query: CaseQuery, now = new Date()): Promise<{ rows: CaseRecord[]; total: number }> {
  const skip = (query.page - 1) * query.pageSize;
  if (query.post) {
    const all = (await CaseModel.find(query.filter).sort({ createdAt: -1 }).limit(MAX_ROWS).lean<CaseRecord[]>()).filter(query.post);
    return { rows: all.slice(skip, skip + query.pageSize), total: all.length };
  }
  const upTo = skip + query.pageSize;
  const [rows, total] = await Promise.all([
    upTo <= WINDOWED_ROWS
      ? newestFirst<CaseRecord>(CaseModel, query.filter, { field: 'createdAt', limit: upTo, now }).then((r) => r.slice(skip))
      : CaseModel.find(query.filter).sort({ createdAt: -1 }).skip(skip).limit(query.pageSize).lean<CaseRecord[]>(),
    countCases(query.filter),
  ]);
  return { rows, total };
}

/** Every matching case (exports), at most MAX_ROWS; `more` when there were more. */
export async function findAllCases(query: CaseQuery): Promise<{ rows: CaseRecord[]; more: boolean }> {
  const rows = await CaseModel.find(query.filter).sort({ createdAt: -1 }).limit(MAX_ROWS + 1).lean<CaseRecord[]>();
  const kept = query.post ? rows.filter(query.post) : rows;
  return { rows: kept.slice(0, MAX_ROWS), more: rows.length > MAX_ROWS };
}
