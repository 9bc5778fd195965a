import { startOfDay, type Deadline, type WorkingCalendar } from '../calendar/index.js';
import type { KindRules, Period } from './case-kinds.js';
import type { CaseRecord, DeadlineRecord } from './case.model.js';

/** The end of a period counted from `from` (the day of `from` not counted). */
export function addPeriod(calendar: WorkingCalendar, from: Date, p: Period): Deadline {
  return p.unit === 'working' ? calendar.addWorkingDays(from, p.days) : calendar.addCalendarDays(from, p.days);
}

/** The deadline a new case starts with: the acceptance notice where the kind has one, else the limit. */
export function initialDeadline(calendar: WorkingCalendar, rules: KindRules, receivedAt: Date): Deadline {
  if (rules.limit.from === 'accepted' && rules.acceptance) return addPeriod(calendar, receivedAt, rules.acceptance);
  return addPeriod(calendar, receivedAt, rules.limit);
}

/** Reminders go out from the start of the working day before the deadline's day. */
export function remindAtFor(calendar: WorkingCalendar, due: Date): Date {
  return startOfDay(calendar.previousWorkingDay(due));
}

/** The fields to set when a case gets a new deadline: reminder flags reset, alert kept in step. */
export function deadlineFields(calendar: WorkingCalendar, c: Pick<CaseRecord, 'alerts'>, d: DeadlineRecord): {
  deadline: DeadlineRecord; reminders: CaseRecord['reminders']; alerts: string[];
} {
  const alerts = c.alerts.filter((a) => a !== 'deadline_uncovered');
  if (!d.covered) alerts.push('deadline_uncovered');
  return {
    deadline: { due: d.due, covered: d.covered },
    reminders: { remindAt: remindAtFor(calendar, d.due), dueSoonAt: null, overdueAt: null },
    alerts,
  };
}
