import { dayKey } from '../calendar/index.js';
import { ReportTexts } from './texts.js';
import type { Change, CountRow, Report } from './types.js';

const MAX_QUOTE = 60;
const MAX_ATTENTION_ROWS = 30;

function percent(t: ReportTexts, ratio: number): string {
  return t.render('percent', { value: Math.round(ratio * 1000) / 10 });
}

function list(t: ReportTexts, rows: CountRow[]): string {
  if (rows.length === 0) return t.render('none');
  return rows.map((r) => t.render('item', { label: r.label, count: r.count })).join(t.render('list_separator'));
}

function changeText(t: ReportTexts, change: Change, current: number, previous: number): string {
  return t.render(`change.${change}`, { delta: Math.abs(current - previous) });
}

function overview(t: ReportTexts, r: Report): string[] {
  const { inquiries: q, trends } = r;
  return [
    t.render('section.overview'),
    t.render('overview', {
      messages: q.messages, villagers: q.villagers, prevMessages: trends.messages.previous, prevVillagers: trends.villagers.previous,
      messagesTrend: changeText(t, trends.messages.change, q.messages, trends.messages.previous),
    }),
    t.render('by_channel', { items: list(t, q.byChannel) }),
    t.render('by_intent', { items: list(t, q.byIntent) }),
    t.render('by_service', { items: list(t, q.byService) }),
  ];
}

function understanding(t: ReportTexts, r: Report): string[] {
  const u = r.understanding;
  const lines = [t.render('section.understanding')];
  if (u.unanswered === 0) return [...lines, t.render('understanding_none')];
  lines.push(t.render('understanding', { unanswered: u.unanswered, rate: percent(t, u.rate), clarify: u.clarify, fallback: u.fallback }));
  if (u.top.length) lines.push(t.render('top_unanswered_head'));
  u.top.forEach((q, i) => {
    const text = q.text.length > MAX_QUOTE ? `${q.text.slice(0, MAX_QUOTE)}…` : q.text;
    lines.push(t.render('top_unanswered_item', { rank: i + 1, text, count: q.count }));
  });
  return lines;
}

function cases(t: ReportTexts, r: Report): string[] {
  const c = r.cases;
  const lines = [t.render('section.cases')];
  if (c.opened === 0 && c.closed === 0 && c.openOverdue === 0) return [...lines, t.render('cases_none')];
  lines.push(t.render('cases', { opened: c.opened, closed: c.closed, onTime: c.closedOnTime, late: c.closedLate, openOverdue: c.openOverdue }));
  if (c.averageWorkingDaysToClose !== null) lines.push(t.render('cases_avg', { days: c.averageWorkingDaysToClose }));
  if (c.opened > 0) {
    lines.push(t.render('cases_by_kind', { items: list(t, c.byKind) }), t.render('cases_by_office', { items: list(t, c.byOffice) }));
  }
  return lines;
}

function satisfaction(t: ReportTexts, r: Report): string[] {
  const s = r.satisfaction;
  if (!s.recorded) return [t.render('section.satisfaction'), t.render('satisfaction_none')];
  const rate = percent(t, (s.satisfied + s.partly) / s.total);
  return [t.render('section.satisfaction'), t.render('satisfaction', { total: s.total, satisfied: s.satisfied, partly: s.partly, unsatisfied: s.unsatisfied, rate })];
}

function trends(t: ReportTexts, r: Report): string[] {
  const rows = r.trends.byService;
  if (rows.length === 0) return [t.render('section.trends'), t.render('trends_none')];
  const items = rows.map((s) => t.render('trend_item', { label: s.label, current: s.current, previous: s.previous, change: changeText(t, s.change, s.current, s.previous) }));
  return [t.render('section.trends'), t.render('trends', { items: items.join(t.render('list_separator')) })];
}

function attention(t: ReportTexts, r: Report): string[] {
  const a = r.attention;
  const lines = [
    ...a.overdue.map((c) => t.render('attention_overdue', { number: c.number, kind: c.kindLabel, office: c.office, service: c.service, due: c.due, days: c.daysOverdue ?? 0 })),
    ...a.uncovered.map((c) => t.render('attention_uncovered', { number: c.number, kind: c.kindLabel, office: c.office })),
    ...a.repeated.map((x) => t.render(`attention_repeated_${x.dimension}`, { label: x.label, count: x.count })),
  ];
  const shown = lines.slice(0, MAX_ATTENTION_ROWS).map((line, i) => `${i + 1}. ${line}`);
  return [t.render('section.attention'), ...(shown.length ? shown : [t.render('attention_none')])];
}

/** The report as Chinese plain text, ready to paste into the 一月一报. */
export function renderReportText(report: Report, texts: ReportTexts = ReportTexts.load()): string {
  const { from, to, days } = report.period;
  const head = [
    texts.render('title', { from, to }),
    texts.render('generated', { at: dayKey(new Date(report.generatedAt)), from, to, days, prevFrom: report.previousPeriod.from, prevTo: report.previousPeriod.to }),
  ];
  const sections = [overview, understanding, cases, satisfaction, trends, attention].map((f) => f(texts, report).join('\n'));
  return [head.join('\n'), ...sections].join('\n\n') + '\n';
}
