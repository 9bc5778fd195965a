import { beforeAll, describe, expect, it } from 'vitest';
import { dayKey } from '../../../src/calendar/index.js';
import type { CaseRecord } from '../../../src/cases/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { complaint, seedRoster, serviceWithClock } from './fixtures.js';

const numbers = (cs: CaseRecord[]) => cs.map((c) => c.number).sort();
const bj = (s: string) => new Date(`${s}+08:00`);

describe('reminders and escalation', () => {
  useTestDatabase('cases_reminders');
  const { svc, setNow } = serviceWithClock('2026-03-02T10:00:00');
  beforeAll(seedRoster);
  let made: CaseRecord[] = [];

  beforeAll(async () => {
    // handoff: 5 working days from Mon Mar 2 → due Mon Mar 9; reminder from the start of Fri Mar 6
    made = await Promise.all(Array.from({ length: 6 }, () => svc.createCase(complaint({ kind: 'handoff' }))));
    expect(made.every((c) => dayKey(c.deadline.due) === '2026-03-09')).toBe(true);
    await svc.take(made[5]!.number, 'P1');
    await svc.reply(made[5]!.number, 'P1', '已答复'); // answered: the clock no longer runs
  });

  it('reminds nobody before the working day before the deadline', async () => {
    expect(await svc.dueForReminder(bj('2026-03-05T23:00:00'))).toEqual([]);
  });

  it('hands each due reminder to exactly one of two concurrent callers, once', async () => {
    const at = bj('2026-03-06T09:00:00');
    const [a, b] = await Promise.all([svc.dueForReminder(at), svc.dueForReminder(at)]);
    const all = [...numbers(a), ...numbers(b)].sort();
    expect(all).toEqual(numbers(made.slice(0, 5)));
    expect(new Set(all).size).toBe(5);
    expect(await svc.dueForReminder(bj('2026-03-06T15:00:00'))).toEqual([]);
    const one = await svc.find(made[0]!.number);
    expect(one.reminders.dueSoonAt?.toISOString()).toBe(at.toISOString());
    expect(one.history.filter((h) => h.action === 'remind')).toHaveLength(1);
  });

  it('escalates each overdue case once, across concurrent callers', async () => {
    expect(await svc.overdue(bj('2026-03-09T23:00:00'))).toEqual([]);
    const at = bj('2026-03-10T08:00:00');
    const [a, b] = await Promise.all([svc.overdue(at), svc.overdue(at)]);
    expect([...numbers(a), ...numbers(b)].sort()).toEqual(numbers(made.slice(0, 5)));
    expect(await svc.overdue(bj('2026-03-11T08:00:00'))).toEqual([]);
  });

  it('a new deadline brings a new reminder', async () => {
    setNow('2026-03-10T09:00:00');
    const moved = await svc.transfer(made[0]!.number, 'P1', 'minzheng', '转民政办');
    expect(dayKey(moved.deadline.due)).toBe('2026-03-17');
    expect(moved.reminders).toMatchObject({ dueSoonAt: null, overdueAt: null });
    expect(numbers(await svc.dueForReminder(bj('2026-03-16T08:00:00')))).toEqual([made[0]!.number]);
  });
});
