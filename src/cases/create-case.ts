import { isDuplicateKey } from './claims.js';
import type { CaseKind } from './case-kinds.js';
import { CaseModel, type CaseDetails, type CaseRecord, type Complainant, type HistoryEntry } from './case.model.js';
import { conflictsFor, placeCase } from './assignment.js';
import type { CaseContext } from './context.js';
import { deadlineFields, initialDeadline } from './deadlines.js';
import { loadCase } from './mutate.js';
import { nextCaseNumber } from './numbering.js';

export interface CreateCaseInput {
  kind: CaseKind;
  /** service id from intents/services.yml */
  service?: string;
  /** complaint category (routing.yml; misconduct categories go to 纪委) */
  category?: string;
  summary: string;
  details?: CaseDetails;
  complainant: Complainant;
  /** the inbound message that created the case: a retried delivery returns the same case */
  createdFromMessageId?: string;
  /** the staff member who registered it at the desk or on the phone: the 首问责任人 */
  receivedBy?: string;
  /** staff the complainant named explicitly (besides names found in the text) */
  namedStaffIds?: string[];
  needsPhoneCall?: boolean;
  /** when it was received; defaults to now */
  at?: Date;
}

const NUMBER_ATTEMPTS = 100;

/** Registers a case, places it with an office and holder, and sets its deadline. Idempotent on createdFromMessageId. */
export async function createCase(ctx: CaseContext, input: CreateCaseInput): Promise<CaseRecord> {
  const messageId = input.createdFromMessageId;
  if (messageId) {
    const existing = await CaseModel.findOne({ createdFromMessageId: messageId }).lean<CaseRecord>();
    if (existing) return existing;
  }
  const doc = await prepare(ctx, input);
  for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
    const number = await nextCaseNumber(doc.createdAt);
    try {
      await CaseModel.create({ ...doc, number });
      return await loadCase(number);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      if (messageId) {
        const existing = await CaseModel.findOne({ createdFromMessageId: messageId }).lean<CaseRecord>();
        if (existing) return existing; // the same message raced us and won
      }
      // else the number clashed (the counter is not atomic on every backend): take the next one
    }
  }
  throw new Error(`could not allocate a case number after ${NUMBER_ATTEMPTS} attempts`);
}

async function prepare(ctx: CaseContext, input: CreateCaseInput): Promise<Omit<CaseRecord, 'number' | 'updatedAt'>> {
  const at = input.at ?? ctx.now();
  const details = input.details ?? {};
  const conflicts = await conflictsFor([input.summary, details.what, details.who], input.namedStaffIds);
  const routed = ctx.router.route(input);
  const { officeCode, holder } = await placeCase(routed, at, conflicts, ctx.router);
  const fields = deadlineFields(ctx.calendar, { alerts: holder ? [] : ['no_holder'] }, initialDeadline(ctx.calendar, ctx.rules.kinds[input.kind], at));
  const actor = input.receivedBy ?? 'system';
  const history: HistoryEntry[] = [{ at, actor, action: 'create', to: 'received', officeCode, holderId: null }];
  if (holder) history.push({ at, actor: 'system', action: 'assign', from: 'received', to: 'assigned', holderId: holder.staffId, officeCode });
  if (!fields.deadline.covered) history.push({ at, actor: 'system', action: 'deadline_uncovered' });
  return {
    kind: input.kind,
    service: input.service ?? null,
    category: input.category ?? null,
    summary: input.summary,
    details,
    complainant: input.complainant,
    officeCode,
    firstResponderId: input.receivedBy ?? holder?.staffId ?? null,
    holderId: holder?.staffId ?? null,
    status: holder ? 'assigned' : 'received',
    ...fields,
    acceptedAt: null,
    history,
    replies: [],
    extensions: [],
    rejection: null,
    pause: null,
    ...(input.createdFromMessageId ? { createdFromMessageId: input.createdFromMessageId } : {}),
    needsPhoneCall: input.needsPhoneCall ?? false,
    conflictStaffIds: conflicts,
    result: null,
    closedAt: null,
    version: 0,
    createdAt: at,
  };
}
