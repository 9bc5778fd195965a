import type { Statistics, StatRow } from '../../reports/index.js';
import { beijingMinute } from '../format.js';
import type { AdminTexts } from '../texts.js';
import { columns } from './tables.js';
import type { Cell, Table } from './table.js';

function percent(v: number | null): string {
  return v === null ? '' : `${Math.round(v * 1000) / 10}%`;
}

function summary(s: Statistics, t: AdminTexts): Table {
  const c = s.cases;
  const line = (key: string, cur: Cell, prev: Cell = ''): Cell[] => [t.render(`stat.${key}`), cur, prev];
  return {
    title: t.render('sheet.summary'),
    columns: [{ header: t.render('col.item'), width: 30 }, { header: `${t.render('col.period')}（${s.period.label}）`, width: 22 }, { header: `${t.render('col.previous')}（${s.previous.label}）`, width: 22 }],
    rows: [
      line('messages', s.messages.total, s.messages.previous),
      line('villagers', s.messages.villagers, s.messages.previousVillagers),
      line('unanswered_logged', s.unanswered.logged),
      line('fallback_turns', s.unanswered.fallbackTurns),
      line('clarify_turns', s.unanswered.clarifyTurns),
      line('cases_opened', c.opened), line('cases_closed_on_time', c.closedOnTime), line('cases_closed_late', c.closedLate),
      line('cases_overdue_open', c.overdueOpen), line('cases_extended', c.extended), line('avg_days', c.averageWorkingDaysToClose ?? ''),
      line('satisfaction_total', s.satisfaction.total, s.satisfaction.previous.total),
      line('satisfaction_rate', percent(s.satisfaction.rate), percent(s.satisfaction.previous.rate)),
      line('interviews_held', s.interviews.held),
    ],
  };
}

function countTable(t: AdminTexts, sheet: string, first: string, rows: StatRow[], withPrevious = false): Table {
  return {
    title: t.render(`sheet.${sheet}`),
    columns: [{ header: t.render(`col.${first}`), width: 24 }, { header: t.render('col.count') }, ...(withPrevious ? [{ header: t.render('col.previous') }] : [])],
    rows: rows.map((r) => [r.label, r.count, ...(withPrevious ? [r.previous ?? 0] : [])]),
  };
}

function byDay(s: Statistics, t: AdminTexts): Table {
  const channels = s.messages.byChannel.map((r) => r.key);
  return {
    title: t.render('sheet.by_day'),
    columns: [{ header: t.render('col.date'), width: 14 }, { header: t.render('col.total') }, ...s.messages.byChannel.map((r) => ({ header: r.label, width: 14 }))],
    rows: s.messages.byDay.map((d) => [d.day, d.total, ...channels.map((k) => d.byChannel[k] ?? 0)]),
  };
}

function caseTable(t: AdminTexts, sheet: string, rows: Statistics['cases']['byOffice'] | Statistics['cases']['byFirstResponder'], withOffice: boolean): Table {
  const ids = [withOffice ? 'name' : 'office', ...(withOffice ? ['office'] : []), 'opened', 'closedOnTime', 'closedLate', 'overdueOpen', 'extendedCount'];
  return {
    title: t.render(`sheet.${sheet}`),
    columns: columns(t, ids, { name: 14, office: 18 }),
    rows: rows.map((r) => [r.label, ...(withOffice ? [('office' in r ? r.office : '') ?? ''] : []), r.opened, r.closedOnTime, r.closedLate, r.overdueOpen, r.extended]),
  };
}

/** The statistics as tables (the 统计 export and the month's 一月一报 export). */
export function statisticsTables(s: Statistics, t: AdminTexts): Table[] {
  const sat = s.satisfaction;
  return [
    summary(s, t),
    byDay(s, t),
    countTable(t, 'by_channel', 'channel', s.messages.byChannel, true),
    countTable(t, 'by_intent', 'intent', s.matters.byIntent),
    countTable(t, 'by_service', 'service', s.matters.byService, true),
    countTable(t, 'cases_by_kind', 'kind', s.matters.casesByKind),
    countTable(t, 'cases_by_service', 'service', s.matters.casesByService),
    countTable(t, 'cases_by_village', 'village', s.matters.casesByVillage),
    caseTable(t, 'by_office', s.cases.byOffice, false),
    caseTable(t, 'by_first_responder', s.cases.byFirstResponder, true),
    {
      title: t.render('sheet.questions'),
      columns: columns(t, ['question', 'count', 'service', 'reason', 'lastAt'], { question: 50, lastAt: 18 }),
      rows: s.unanswered.questions.map((q) => [q.text, q.count, q.serviceLabel ?? '', q.reasonLabel, beijingMinute(q.lastAt)]),
    },
    {
      title: t.render('sheet.satisfaction'),
      columns: columns(t, ['rating', 'count']),
      rows: (['satisfied', 'partly', 'unsatisfied'] as const).map((k) => [t.label('rating', k), sat[k]]),
    },
    {
      title: t.render('sheet.interviews'),
      columns: columns(t, ['number', 'at', 'leader', 'office'], { number: 18, at: 18 }),
      rows: s.interviews.list.map((i) => [i.caseNumber, beijingMinute(i.heldAt), i.leader, i.office]),
    },
    {
      title: t.render('sheet.overdue'),
      columns: columns(t, ['number', 'kind', 'office', 'service', 'due', 'daysOverdue'], { number: 18 }),
      rows: s.attention.overdue.map((c) => [c.number, c.kindLabel, c.office, c.service, c.due, c.daysOverdue ?? 0]),
    },
  ];
}
