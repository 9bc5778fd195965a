/** One row of a breakdown: an id, its Chinese label and how many. */
export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface InquiryStats {
  /** inbound messages from villagers (platform events such as follow/unfollow are not inquiries) */
  messages: number;
  /** distinct villagers, by channel + userId */
  villagers: number;
  byChannel: CountRow[];
  byIntent: CountRow[];
  byService: CountRow[];
}

/** What the bot did not understand: the dialogue step routed the turn to 'clarify' or 'fallback'. */
export interface UnderstandingStats {
  unanswered: number;
  clarify: number;
  fallback: number;
  /** unanswered / messages, 0 when there were no messages */
  rate: number;
  /** the most frequent unanswered messages, masked text only */
  top: { text: string; count: number }[];
}

export interface CaseStats {
  opened: number;
  closed: number;
  closedOnTime: number;
  closedLate: number;
  /** still open at `now` and past the deadline (whenever opened) */
  openOverdue: number;
  byKind: CountRow[];
  byOffice: CountRow[];
  /** average working days from registration to 办结 over the cases closed in the period; null when none */
  averageWorkingDaysToClose: number | null;
}

export interface SatisfactionStats {
  /** false: nobody answered the 回访 question in the period ('not yet recorded') */
  recorded: boolean;
  total: number;
  satisfied: number;
  partly: number;
  unsatisfied: number;
}

export type Change = 'up' | 'down' | 'same' | 'new';

export interface TrendRow {
  key: string;
  label: string;
  current: number;
  previous: number;
  change: Change;
}

export interface TrendStats {
  messages: { current: number; previous: number; change: Change };
  villagers: { current: number; previous: number; change: Change };
  byService: TrendRow[];
}

export interface AttentionCase {
  number: string;
  kind: string;
  kindLabel: string;
  office: string;
  service: string;
  /** the deadline's day, YYYY-MM-DD Beijing time */
  due: string;
  /** calendar days past the deadline at `now` (overdue list only) */
  daysOverdue?: number;
}

export interface Attention {
  overdue: AttentionCase[];
  /** open cases whose deadline was computed without holiday data */
  uncovered: AttentionCase[];
  /** the same service or office complained about more than once in the period */
  repeated: { dimension: 'service' | 'office'; key: string; label: string; count: number }[];
}

/** The 群众咨询梳理分析 statistics for one period (000 §7; 003 督办 一月一报). */
export interface Report {
  period: { from: string; to: string; days: number };
  previousPeriod: { from: string; to: string };
  generatedAt: string;
  inquiries: InquiryStats;
  understanding: UnderstandingStats;
  cases: CaseStats;
  satisfaction: SatisfactionStats;
  trends: TrendStats;
  attention: Attention;
}
