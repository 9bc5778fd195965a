import type { Cell, Table } from './table.js';

/** Excel and WPS take a UTF-8 file as UTF-8 only with this mark at the start. */
export const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge spaces; a text
 * that starts like a formula (= + - @) is prefixed with ' so a spreadsheet shows it instead of running it.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function lines(t: Table): string[] {
  return [t.columns.map((c) => csvField(c.header)).join(','), ...t.rows.map((r) => r.map(csvField).join(','))];
}

/**
 * The tables as one CSV file: UTF-8 with BOM, CRLF line ends. One table is written bare; several
 * are written one after another, each under its title line, with an empty line between.
 */
export function toCsv(tables: Table[]): Buffer {
  const only = tables.length === 1 ? tables[0] : undefined;
  const body = only ? lines(only) : tables.flatMap((t, i) => [...(i > 0 ? [''] : []), csvField(t.title), ...lines(t)]);
  return Buffer.from(BOM + body.join('\r\n') + '\r\n', 'utf8');
}
