import type { CaseRow } from '../case-view.js';
import { beijingMinute } from '../format.js';
import type { AdminTexts } from '../texts.js';
import type { Cell, Table } from './table.js';

/** Column headings from admin.yml (`col.<id>`), with a width for the longer ones. */
export function columns(texts: AdminTexts, ids: string[], wide: Record<string, number> = {}): Table['columns'] {
  return ids.map((id) => ({ header: texts.render(`col.${id}`), ...(wide[id] ? { width: wide[id] } : {}) }));
}

const yesNo = (texts: AdminTexts, v: boolean): string => texts.render(v ? 'yes' : 'no');

function complainant(texts: AdminTexts, c: CaseRow['complainant']): string {
  if (c.anonymous) return texts.staff.render('card_anonymous');
  return [c.name, c.phone].filter(Boolean).join(' ');
}

/** The case list as a table (masked, as on the page). */
export function casesTable(rows: CaseRow[], texts: AdminTexts): Table {
  const ids = ['number', 'kind', 'status', 'service', 'office', 'holder', 'firstResponder', 'village', 'complainant', 'summary', 'createdAt', 'due', 'closedAt', 'overdue', 'extended', 'needsPhoneCall'];
  const out: Cell[][] = rows.map((r) => [
    r.number, r.kindLabel, r.statusLabel, r.serviceLabel ?? texts.render('no_service'), r.office, r.holder ?? '', r.firstResponder ?? '',
    r.village ?? '', complainant(texts, r.complainant), r.summary, beijingMinute(r.createdAt), r.due, beijingMinute(r.closedAt),
    yesNo(texts, r.overdue), yesNo(texts, r.extended), yesNo(texts, r.needsPhoneCall),
  ]);
  return { title: texts.render('sheet.cases'), columns: columns(texts, ids, { number: 18, summary: 40, createdAt: 18, due: 18, closedAt: 18 }), rows: out };
}
