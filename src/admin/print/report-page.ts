import type { Statistics } from '../../reports/index.js';
import { statisticsTables } from '../export/stats-tables.js';
import { beijingMinute } from '../format.js';
import type { AdminTexts } from '../texts.js';
import { esc, htmlTable, page } from './html.js';

/** The month's (or quarter's) report on paper: every statistics table and a block for the signatures. */
export function reportPage(s: Statistics, t: AdminTexts): string {
  const title = t.render('print.report_title', { period: s.period.label });
  const meta = t.render('print.report_meta', { from: s.period.from, to: s.period.to, prevFrom: s.previous.from, prevTo: s.previous.to, at: beijingMinute(s.generatedAt) });
  const tables = statisticsTables(s, t).map((table) => htmlTable(table, t.render('print.empty_table'))).join('\n');
  const body = `<h1>${esc(title)}</h1><p>${esc(meta)}</p>${tables}<p class="sign">${esc(t.render('print.report_sign'))}</p>`;
  return page(title, t.render('print.button'), [body]);
}
