import type { Table } from '../export/table.js';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** A4 print CSS: the print button and screen margins disappear on paper; each `.sheet` starts a new page. */
const STYLE = `
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif; color: #000; margin: 0; background: #eee; }
  .sheet { background: #fff; width: 190mm; min-height: 270mm; margin: 8mm auto; padding: 12mm; box-sizing: border-box; }
  h1 { font-size: 20pt; text-align: center; margin: 0 0 6mm; }
  h2 { font-size: 13pt; margin: 6mm 0 2mm; }
  p, li, td, th { font-size: 11pt; line-height: 1.6; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
  th, td { border: 1px solid #000; padding: 1mm 2mm; text-align: left; vertical-align: top; }
  th { background: #f2f2f2; }
  td.num { text-align: right; }
  .copy { text-align: right; font-size: 10pt; }
  .sign { margin-top: 12mm; }
  .toolbar { text-align: center; padding: 4mm; }
  .toolbar button { font-size: 14pt; padding: 2mm 8mm; }
  @page { size: A4; margin: 10mm; }
  @media print {
    body { background: #fff; }
    .toolbar { display: none; }
    .sheet { margin: 0; width: auto; min-height: 0; padding: 0; page-break-after: always; break-after: page; }
    .sheet:last-child { page-break-after: auto; break-after: auto; }
  }`;

/** A whole printable page: no outside resources (the console's CSP allows none). */
export function page(title: string, printLabel: string, sheets: string[]): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><div class="toolbar"><button type="button" onclick="window.print()">${esc(printLabel)}</button></div>
${sheets.map((s) => `<section class="sheet">${s}</section>`).join('\n')}
</body></html>`;
}

/** A table of an export as HTML (numbers right-aligned). */
export function htmlTable(t: Table, emptyText: string): string {
  const head = `<tr>${t.columns.map((c) => `<th>${esc(c.header)}</th>`).join('')}</tr>`;
  const rows = t.rows.length
    ? t.rows.map((r) => `<tr>${r.map((v) => `<td${typeof v === 'number' ? ' class="num"' : ''}>${esc(v)}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${t.columns.length}">${esc(emptyText)}</td></tr>`;
  return `<h2>${esc(t.title)}</h2><table>${head}${rows}</table>`;
}

export const PRINT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'";
