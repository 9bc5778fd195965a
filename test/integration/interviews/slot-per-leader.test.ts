import { beforeAll, describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src/calendar/index.js';
import { CaseService } from '../../../src/cases/index.js';
import { CaseEvents } from '../../../src/cases/events.js';
import type { Deliverer } from '../../../src/features.js';
import { InterviewClaimModel } from '../../../src/interviews/claims.js';
import { InterviewModel, InterviewService, SlotTakenError, type InterviewRecord } from '../../../src/interviews/index.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';

const silentDeliverer: Deliverer = { deliver: async () => undefined };
/** a Monday morning, Beijing time */
const NOW = new Date('2026-03-09T08:00:00+08:00');

describe('one leader, one case per slot (视频约谈)', () => {
  useTestDatabase('interviews_slots');
  let cases: CaseService;
  const caseEvents = new CaseEvents();
  const booked: string[] = [];
  let instances: [InterviewService, InterviewService];

  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    const calendar = await WorkingCalendar.load();
    cases = CaseService.load(calendar, 'templates', () => NOW);
    caseEvents.on('updated', (c, change) => { if (change.action === 'interview_booked') booked.push(c.number); });
    const make = () => new InterviewService({ calendar, cases, caseEvents, deliverer: silentDeliverer, now: () => NOW, reminderText: () => 'reminder' });
    instances = [make(), make()];
  });

  let seq = 0;
  async function offeredCase(): Promise<InterviewRecord> {
    seq++;
    const c = await cases.createCase({
      kind: 'complaint', service: 'dibao', summary: '低保申请三个月没有回音',
      details: { what: '低保申请三个月没有回音', village: '东村', wants: '尽快答复' },
      complainant: { channel: 'web', userId: `slotvillager${seq}`, name: '李大明', phone: '13812345678', anonymous: false },
    });
    const iv = await instances[0].offer(c.number);
    if (!iv) throw new Error('no interview offered');
    return iv;
  }
  const times = (ds: readonly Date[] | undefined) => (ds ?? []).map((d) => d.getTime());
  const stored = (number: string) => InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();

  it('two cases of one office booking the same slot at once: one is booked, the other is told it was taken and offered others', async () => {
    const [a, b] = [await offeredCase(), await offeredCase()];
    expect(b.leaderStaffId).toBe(a.leaderStaffId);
    const slot = a.slotsOffered[0]!;
    expect(times(b.slotsOffered)).toContain(slot.getTime()); // offered to both: offering is no reservation
    const outcomes = await Promise.all([instances[0].bookSlot(a.caseNumber, 1), instances[1].bookSlot(b.caseNumber, 1)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['booked', 'taken']);
    const winner = outcomes.find((o) => o.kind === 'booked')!.interview;
    const loser = outcomes.find((o) => o.kind === 'taken')!;
    expect(winner.bookedAt?.getTime()).toBe(slot.getTime());
    expect(loser).toMatchObject({ kind: 'taken', slot });
    const loserRow = await stored(loser.interview.caseNumber);
    expect(loserRow?.status).toBe('offered');
    expect(loserRow?.bookedAt).toBeNull();
    expect(loserRow?.slotsOffered).toHaveLength(3);
    expect(times(loserRow?.slotsOffered)).not.toContain(slot.getTime());
    expect(booked.filter((n) => n === a.caseNumber || n === b.caseNumber)).toEqual([winner.caseNumber]);
    // the loser books one of the fresh slots
    const again = await instances[1].book(loser.interview.caseNumber, 1);
    expect(again.status).toBe('booked');
    expect(again.bookedAt?.getTime()).not.toBe(slot.getTime());
  });

  it('book() keeps its shape: the loser gets a SlotTakenError carrying the fresh offer; later offers skip booked slots', async () => {
    const [a, b] = [await offeredCase(), await offeredCase()];
    const slot = a.slotsOffered[1]!;
    expect(times(b.slotsOffered)).toContain(slot.getTime());
    const results = await Promise.allSettled([instances[0].book(a.caseNumber, 2), instances[1].book(b.caseNumber, times(b.slotsOffered).indexOf(slot.getTime()) + 1)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(failed?.reason).toBeInstanceOf(SlotTakenError);
    expect(times((failed?.reason as SlotTakenError).interview.slotsOffered)).not.toContain(slot.getTime());
    const c = await offeredCase();
    const bookedSlots = (await InterviewModel.find({ leaderStaffId: a.leaderStaffId, status: 'booked' }).lean()).map((r) => r.bookedAt?.getTime());
    for (const t of bookedSlots) expect(times(c.slotsOffered)).not.toContain(t);
  });

  it('a changed or cancelled booking gives the slot back to the leader', async () => {
    const a = await offeredCase();
    const first = (await instances[0].book(a.caseNumber, 1)).bookedAt!;
    expect(await InterviewClaimModel.exists({ _id: `slot:${a.leaderStaffId}:${first.toISOString()}` })).toBeTruthy();
    expect((await instances[0].requestReschedule(a.caseNumber)).kind).toBe('offered');
    const moved = (await instances[1].book(a.caseNumber, 1)).bookedAt!;
    expect(moved.getTime()).not.toBe(first.getTime());
    expect(await InterviewClaimModel.exists({ _id: `slot:${a.leaderStaffId}:${first.toISOString()}` })).toBeNull();
    const cancelled = await instances[0].cancel(a.caseNumber);
    expect(cancelled?.status).toBe('cancelled');
    expect(await InterviewClaimModel.exists({ _id: `slot:${a.leaderStaffId}:${moved.toISOString()}` })).toBeNull();
  });
});
