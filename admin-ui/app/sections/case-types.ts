/** The shapes of GET /api/admin/cases and /cases/:number (src/admin/API.md §3). */
export interface Complainant { name?: string | null; phone?: string | null; anonymous?: boolean; channel?: string }
export interface CaseRow {
  number: string; kind: string; kindLabel?: string; status: string; statusLabel?: string; service?: string | null; serviceLabel?: string | null;
  officeCode: string; office: string; holder: string | null; holderId?: string | null; firstResponder: string | null; firstResponderId?: string | null;
  summary: string; village?: string | null; complainant: Complainant; due: string; overdue: boolean; extended?: boolean;
  createdAt: string; closedAt?: string | null; needsPhoneCall?: boolean;
}
export interface CaseList { cases: CaseRow[]; total?: number; page?: number; pageSize?: number; pages?: number; filters?: { office?: { code: string; name: string } } }
export interface HistoryEntry { at: string; action: string; actionLabel?: string; actor?: string; actorName?: string; fromLabel?: string | null; toLabel?: string | null; note?: string | null; holder?: string | null; office?: string | null }
export interface CaseDetail {
  case: CaseRow & {
    category?: string | null; details?: { what?: string | null; who?: string | null; village?: string | null; when?: string | null; wants?: string | null } | null;
    deadline?: { due: string; covered: boolean } | null; acceptedAt?: string | null; result?: string | null; alerts?: { key: string; label: string }[]; pause?: unknown;
  };
  history: HistoryEntry[];
  replies: { at: string; staff: string | null; text: string }[];
  extensions: { days: number; reason: string; requestedBy?: string; requestedAt?: string; decision?: string | null; decisionLabel?: string | null; decidedBy?: string | null }[];
  rejection: { reason: string; legalBasis?: string; filedBy?: string; filedAt?: string; decision?: string | null; decidedBy?: string | null } | null;
  satisfaction?: { ratingLabel?: string; rating?: string; at?: string } | null;
  interview?: { statusLabel?: string; bookedAt?: string | null; heldAt?: string | null; leader?: string | null; outcome?: string | null } | null;
  identityAllowed: boolean;
  actions?: string[];
}

export const maskedWho = (c: Complainant): string => (c.anonymous ? '匿名' : [c.name, c.phone].filter(Boolean).join(' ') || '—');
