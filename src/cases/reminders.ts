import { claimOnce } from './claims.js';
import { CaseModel, type CaseRecord } from './case.model.js';
import { ConcurrentUpdateError } from './errors.js';
import { mutateCase } from './mutate.js';
import { CLOCK_RUNNING } from './transitions.js';

/**
 * Reminders and escalations are claimed with a unique key per case and deadline, so two running
 * instances never send the same one twice (conditional updates are not atomic on the embedded
 * FerretDB; see claims.ts). The flag on the case only narrows the next query; the claim decides.
 * A new deadline (extension, resume, rejection) gets new keys and fresh flags.
 */
async function claimEach(
  query: Record<string, unknown>, kind: 'dueSoon' | 'overdue', now: Date,
): Promise<CaseRecord[]> {
  const candidates = await CaseModel.find(query).sort({ 'deadline.due': 1 }).limit(500).lean<CaseRecord[]>();
  const claimed: CaseRecord[] = [];
  for (const c of candidates) {
    if (!(await claimOnce(`${kind}:${c.number}:${c.deadline.due.toISOString()}`, now))) continue;
    const flag = kind === 'dueSoon' ? 'dueSoonAt' : 'overdueAt';
    const updated = await mutateCase(c.number, (cur) => ({
      set: { reminders: { ...cur.reminders, [flag]: now } },
      history: [{ at: now, actor: 'system', action: kind === 'dueSoon' ? 'remind' : 'escalate', holderId: cur.holderId }],
    })).catch((err: unknown) => {
      // the claim is ours: the reminder must still go out even if the flag could not be written now
      if (err instanceof ConcurrentUpdateError) return c;
      throw err;
    });
    claimed.push(updated);
  }
  return claimed;
}

/** Running cases whose reminder time (start of the working day before the deadline) has come. */
export function claimDueReminders(now: Date): Promise<CaseRecord[]> {
  return claimEach(
    {
      status: { $in: CLOCK_RUNNING },
      'reminders.remindAt': { $lte: now },
      'deadline.due': { $gte: now },
      'reminders.dueSoonAt': null,
    },
    'dueSoon',
    now,
  );
}

/** Running cases past their deadline, not yet escalated. */
export function claimOverdue(now: Date): Promise<CaseRecord[]> {
  return claimEach(
    { status: { $in: CLOCK_RUNNING }, 'deadline.due': { $lt: now }, 'reminders.overdueAt': null },
    'overdue',
    now,
  );
}
