/** GET /api/admin/stats (src/admin/API.md §1). A `drill` is the query for GET /cases listing the cases counted. */
export type Drill = Record<string, string | number | boolean> | null;
export interface Row { key: string; label: string; count: number; previous?: number; drill: Drill }
export interface CaseRowStat {
  key: string; label: string; office?: string; opened: number; closedOnTime: number; closedLate: number; overdueOpen: number; extended: number;
  drill: Record<'opened' | 'closedOnTime' | 'closedLate' | 'overdueOpen' | 'extended', Drill>;
}
export interface PeriodInfo { key: string; kind: 'month' | 'quarter'; label: string; from: string; to: string; days: number }
export interface StatsReply {
  period: PeriodInfo; previous: PeriodInfo; generatedAt: string;
  messages: { total: number; previous: number; villagers: number; byDay: { day: string; total: number; byChannel: Record<string, number> }[]; byChannel: Row[] };
  matters: { byIntent: Row[]; byService: Row[]; casesByKind: Row[]; casesByService: Row[]; casesByVillage: Row[] };
  unanswered: {
    total: number; fallbackTurns: number; clarifyTurns: number; logged: number; byReason: Row[]; byService: Row[];
    questions: { text: string; count: number; serviceLabel?: string | null; reasonLabel?: string; channel?: string; lastAt?: string }[];
  };
  cases: {
    opened: number; closed: number; closedOnTime: number; closedLate: number; overdueOpen: number; extended: number; averageWorkingDaysToClose: number | null;
    drill: Record<string, Drill>; byOffice: CaseRowStat[]; byFirstResponder: CaseRowStat[];
  };
  satisfaction: { total: number; satisfied: number; partly: number; unsatisfied: number; rate: number | null; previous?: { total: number; rate: number | null }; drill?: Record<string, Drill> };
  interviews: { held: number; booked: number; list: { caseNumber: string; heldAt: string | null; leader: string | null; office: string | null }[] };
}

export const CASE_SERIES = [
  { key: 'opened', label: '登记', color: '#78909c' },
  { key: 'closedOnTime', label: '按时办结', color: '#2e7d32' },
  { key: 'closedLate', label: '超期办结', color: '#ef6c00' },
  { key: 'overdueOpen', label: '超期未结', color: '#c62828' },
  { key: 'extended', label: '延期', color: '#5c6bc0' },
] as const;

/** A period key for today: this month (YYYY-MM) or this quarter (YYYY-Qn), Beijing time. */
export function currentPeriod(kind: 'month' | 'quarter'): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  return kind === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`;
}

export const pct = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `${Math.round(n * 1000) / 10}%`);
export function change(cur: number, prev: number | undefined): string {
  if (prev === undefined) return '';
  if (prev === 0) return cur === 0 ? '持平' : '上期为 0';
  const d = Math.round(((cur - prev) / prev) * 1000) / 10;
  return d === 0 ? '持平' : d > 0 ? `比上期增加 ${d}%` : `比上期减少 ${-d}%`;
}
