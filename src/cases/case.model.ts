import mongoose from 'mongoose';
import type { CaseKind } from './case-kinds.js';
import type { CaseStatus } from './transitions.js';

export interface CaseDetails {
  what?: string;
  who?: string;
  village?: string;
  when?: string;
  wants?: string;
}

export interface Complainant {
  /** the channel the villager used (wechat, qq, telegram, web …, or visit / phone for desk entries) */
  channel: string;
  userId: string;
  name?: string;
  phone?: string;
  /** confidentiality is owed to everyone (001 第四条); anonymous means no name or phone was given at all */
  anonymous: boolean;
}

export interface HistoryEntry {
  at: Date;
  /** staffId, or 'system' / 'villager' */
  actor: string;
  action: string;
  note?: string;
  from?: string;
  to?: string;
  /** who held the case after this entry: the record of who held it at every moment */
  holderId?: string | null;
  officeCode?: string;
}

export interface ReplyEntry {
  at: Date;
  staffId: string;
  text: string;
}

export interface ExtensionEntry {
  days: number;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
  decision?: 'approved' | 'refused';
  decidedBy?: string;
  decidedAt?: Date;
}

export interface DeadlineRecord {
  due: Date;
  /** false: the holiday data did not cover the whole period; the case is flagged and admins alerted */
  covered: boolean;
}

export interface RejectionRecord {
  reason: string;
  legalBasis: string;
  filedBy: string;
  filedAt: Date;
  priorDeadline: DeadlineRecord;
  decision?: 'approved' | 'refused';
  decidedBy?: string;
  decidedAt?: Date;
}

export interface CaseRecord {
  number: string;
  kind: CaseKind;
  service?: string | null;
  category?: string | null;
  summary: string;
  details: CaseDetails;
  complainant: Complainant;
  officeCode: string;
  firstResponderId: string | null; // 首问责任人: set once, never changes
  holderId: string | null; // 经办人
  status: CaseStatus;
  deadline: DeadlineRecord;
  acceptedAt?: Date | null;
  history: HistoryEntry[];
  replies: ReplyEntry[];
  extensions: ExtensionEntry[];
  rejection?: RejectionRecord | null;
  pause?: { pausedAt: Date; reason: string } | null;
  reminders: { remindAt: Date; dueSoonAt?: Date | null; overdueAt?: Date | null };
  createdFromMessageId?: string;
  needsPhoneCall: boolean;
  /** staff the complaint names: never holder, never approver */
  conflictStaffIds: string[];
  /** reasons an admin must look: 'deadline_uncovered', 'no_holder' */
  alerts: string[];
  result?: string | null;
  closedAt?: Date | null;
  /** bumped by every change; see mutate.ts */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const M = mongoose.Schema.Types.Mixed;

const caseSchema = new mongoose.Schema(
  {
    number: { type: String, required: true, unique: true },
    kind: { type: String, required: true },
    service: String,
    category: String,
    summary: { type: String, required: true },
    details: { type: M, default: {} },
    complainant: { type: M, required: true },
    officeCode: { type: String, required: true },
    firstResponderId: { type: String, default: null },
    holderId: { type: String, default: null },
    status: { type: String, required: true },
    deadline: { type: M, required: true },
    acceptedAt: { type: Date, default: null },
    history: { type: [M], default: [] },
    replies: { type: [M], default: [] },
    extensions: { type: [M], default: [] },
    rejection: { type: M, default: null },
    pause: { type: M, default: null },
    reminders: { type: M, required: true },
    // a retried delivery of the same message never creates a second case
    createdFromMessageId: { type: String, unique: true, sparse: true },
    needsPhoneCall: { type: Boolean, default: false },
    conflictStaffIds: { type: [String], default: [] },
    alerts: { type: [String], default: [] },
    result: { type: String, default: null },
    closedAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);
caseSchema.index({ 'complainant.channel': 1, 'complainant.userId': 1 });
caseSchema.index({ status: 1, 'reminders.remindAt': 1 });
// the admin list's newest page and the month report's ranges (see src/db/newest-first.ts)
caseSchema.index({ createdAt: -1 });
caseSchema.index({ closedAt: 1 });
// the admin list's filters by office, 首问责任人 and holder (counted and paged by an index)
caseSchema.index({ officeCode: 1, createdAt: -1 });
caseSchema.index({ firstResponderId: 1, createdAt: -1 });
caseSchema.index({ holderId: 1, createdAt: -1 });

export const CaseModel = mongoose.model('Case', caseSchema);

/** Per-day case number counters: { _id: 'case-20261122', seq }. */
const counterSchema = new mongoose.Schema({ _id: { type: String, required: true }, seq: { type: Number, default: 0 } });
export const Counter = mongoose.model('CaseCounter', counterSchema);
