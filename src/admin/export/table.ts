/** A cell: text or a number (numbers stay numbers in XLSX so a leader can sum them). */
export type Cell = string | number | null | undefined;

/** One table of an export: a sheet in XLSX, a titled block in CSV. */
export interface Table {
  /** the sheet name and the block's title line (Chinese) */
  title: string;
  columns: { header: string; width?: number }[];
  rows: Cell[][];
}

export type ExportFormat = 'csv' | 'xlsx';
