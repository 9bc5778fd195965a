import type { Context } from 'koa';
import { adminError } from '../http.js';
import { toCsv } from './csv.js';
import type { ExportFormat, Table } from './table.js';
import { toXlsx } from './xlsx.js';

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** ?format=xlsx (default) or csv. */
export function exportFormat(value: unknown): ExportFormat {
  const v = Array.isArray(value) ? (value[0] as unknown) : value;
  if (v === undefined || v === '' || v === 'xlsx') return 'xlsx';
  if (v === 'csv') return 'csv';
  throw adminError(400, 'bad_format');
}

/** A download: Chinese file name (RFC 5987) with an ASCII fallback for old clients. */
export async function sendTables(ctx: Context, format: ExportFormat, baseName: string, tables: Table[]): Promise<void> {
  const body = format === 'csv' ? toCsv(tables) : await toXlsx(tables);
  const file = `${baseName}.${format}`;
  const ascii = file.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  ctx.type = TYPES[format];
  ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`);
  ctx.body = body;
}
