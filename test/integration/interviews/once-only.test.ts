import { beforeAll, describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src/calendar/index.js';
import { CaseService } from '../../../src/cases/index.js';
import { CaseEvents } from '../../../src/cases/events.js';
import type { ChannelId, Reply } from '../../../src/core/message.js';
import type { Deliverer } from '../../../src/features.js';
import { InterviewModel, InterviewService, type InterviewRecord } from '../../../src/interviews/index.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';

/** Keeps what the service sends to villagers. */
class Recorder implements Deliverer {
  readonly sent: { channel: ChannelId; userId: string; text: string }[] = [];
  async deliver(target: { channel: ChannelId; userId: string }, reply: Reply): Promise<void> {
    this.sent.push({ channel: target.channel, userId: target.userId, text: reply.parts.join('\n') });
  }
}

const HOUR_MS = 3_600_000;
/** a Monday morning, Beijing time */
const NOW = new Date('2026-03-09T08:00:00+08:00');

describe('视频约谈 steps that must happen once, with two bot instances on one database', () => {
  useTestDatabase('interviews_once');
  let cases: CaseService;
  const caseEvents = new CaseEvents();
  const staffEvents: { action: string; number: string; note: string }[] = [];
  const deliverers = [new Recorder(), new Recorder()];
  let instances: [InterviewService, InterviewService];

  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    const calendar = await WorkingCalendar.load();
    cases = CaseService.load(calendar, 'templates', () => NOW);
    caseEvents.on('updated', (c, change) => staffEvents.push({ action: change.action, number: c.number, note: change.note ?? '' }));
    const make = (deliverer: Deliverer) => new InterviewService({
      calendar, cases, caseEvents, deliverer, now: () => NOW,
      reminderText: (iv) => `reminder ${iv.caseNumber} ${iv.bookedAt?.toISOString() ?? ''}`,
    });
    instances = [make(deliverers[0] ?? new Recorder()), make(deliverers[1] ?? new Recorder())];
  });

  let seq = 0;
  async function offeredCase(): Promise<string> {
    seq++;
    const c = await cases.createCase({
      kind: 'complaint', service: 'dibao', summary: '低保申请三个月没有回音',
      details: { what: '低保申请三个月没有回音', village: '东村', wants: '尽快答复' },
      complainant: { channel: 'web', userId: `villager${seq}`, name: '李大明', phone: '13812345678', anonymous: false },
    });
    const iv = await instances[0].offer(c.number);
    expect(iv?.slotsOffered).toHaveLength(3);
    return c.number;
  }

  const stored = (number: string) => InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();
  const eventsFor = (number: string, action: string) => staffEvents.filter((e) => e.number === number && e.action === action);
  /** Both instances, twice each, at the same time. */
  const race = <T>(call: (svc: InterviewService, i: number) => Promise<T>) =>
    Promise.all([0, 1, 2, 3].map((i) => call(instances[i % 2 === 0 ? 0 : 1], i)));

  it('a double submit books one slot once: every caller sees that booking, staff hear of it once', async () => {
    const number = await offeredCase();
    const offered = (await stored(number))?.slotsOffered.map((d) => d.getTime()) ?? [];
    const results = await race((svc, i) => svc.book(number, (i % 3) + 1));
    const row = await stored(number);
    expect(row?.status).toBe('booked');
    expect(offered).toContain(row?.bookedAt?.getTime());
    expect(new Set(results.map((r) => r.bookedAt?.getTime()))).toEqual(new Set([row?.bookedAt?.getTime()]));
    expect(row?.originalAt?.getTime()).toBe(row?.bookedAt?.getTime());
    expect(eventsFor(number, 'interview_booked')).toEqual([{ action: 'interview_booked', number, note: row?.bookedAt?.toISOString() }]);
  });

  it('concurrent change requests open one change; it is booked once and a later request is refused', async () => {
    const number = await offeredCase();
    await instances[0].book(number, 1);
    const booked = await stored(number);
    const outcomes = await race((svc) => svc.requestReschedule(number));
    expect(outcomes.map((o) => o.kind)).toEqual(['offered', 'offered', 'offered', 'offered']);
    const row = await stored(number);
    expect(row?.status).toBe('rescheduling');
    const slots = row?.slotsOffered.map((d) => d.getTime()) ?? [];
    expect(slots.length).toBeGreaterThan(0);
    expect(slots).not.toContain(booked?.bookedAt?.getTime());
    for (const o of outcomes) expect(o.interview?.slotsOffered.map((d) => d.getTime())).toEqual(slots);

    await race((svc, i) => svc.book(number, (i % slots.length) + 1));
    const changed = await stored(number);
    expect(changed?.status).toBe('booked');
    expect(changed?.reschedules).toBe(1);
    expect(changed?.originalAt?.getTime()).toBe(booked?.bookedAt?.getTime());
    expect(slots).toContain(changed?.bookedAt?.getTime());
    expect(eventsFor(number, 'interview_rescheduled')).toHaveLength(1);
    expect(await instances[1].requestReschedule(number)).toMatchObject({ kind: 'refused', reason: 'already_rescheduled' });
  });

  it('a change request the villager drops (算了) does not use up the one change', async () => {
    const number = await offeredCase();
    await instances[0].book(number, 2);
    expect((await instances[0].requestReschedule(number)).kind).toBe('offered');
    await instances[1].keepBooking(number);
    expect((await stored(number))?.status).toBe('booked');
    expect((await instances[1].requestReschedule(number)).kind).toBe('offered');
    expect((await stored(number))?.status).toBe('rescheduling');
  });

  it('two instances checking reminders at the same time remind the villager and the staff once', async () => {
    const number = await offeredCase();
    const booked = await instances[0].book(number, 1);
    const slot = booked.bookedAt ?? new Date(0);
    const before = new Date(slot.getTime() - 2 * HOUR_MS);
    const counts = await race((svc) => svc.sendDueReminders(before));
    const all = deliverers.flatMap((d) => d.sent);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.length); // earlier tests' interviews may be due too, each once
    expect(new Set(all.map((s) => s.text)).size).toBe(all.length);
    const reminders = all.filter((s) => s.text.includes(number));
    expect(reminders).toEqual([{ channel: 'web', userId: expect.stringMatching(/^villager/) as unknown, text: `reminder ${number} ${slot.toISOString()}` }]);
    expect(eventsFor(number, 'interview_reminder')).toHaveLength(1);
    expect((await stored(number))?.remindersSent).toHaveLength(1);
    // a later check (the next 10-minute tick) sends nothing more
    expect(await instances[1].sendDueReminders(new Date(before.getTime() + 10 * 60_000))).toBe(0);
  });
});
