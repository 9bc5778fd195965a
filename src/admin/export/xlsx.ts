import ExcelJS from 'exceljs';
import type { Table } from './table.js';

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)}(${i})`;
  used.add(name);
  return name;
}

/** The tables as an XLSX workbook, one sheet each: bold header row, frozen, columns sized for Chinese text. */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '阳光农廉助手';
  wb.created = new Date(0); // a fixed date: the same data gives the same file
  const used = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) ws.addRow(row.map((v) => (v === null || v === undefined ? '' : v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
