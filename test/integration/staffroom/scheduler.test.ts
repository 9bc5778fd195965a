import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/cases/index.js';
import { silentLogger } from '../../../src/logger.js';
import { Digest } from '../../../src/staffroom/digest.model.js';
import { CaseRenderer } from '../../../src/staffroom/render.js';
import { PostQueue } from '../../../src/staffroom/post-queue.js';
import type { CommandHandler, Mention, StaffRoom } from '../../../src/staffroom/room.js';
import { ReminderScheduler } from '../../../src/staffroom/scheduler.js';
import { StaffTexts } from '../../../src/staffroom/texts.js';
import { useTestDatabase } from '../../helpers/db.js';
import { loadExampleRoster, ROOT, testContext } from './harness.js';

/** A room that records what it is asked to post (the Wechaty transport is covered in staffroom.test.ts). */
class RecordingRoom implements StaffRoom {
  readonly kind = 'recording';
  isReady?: () => boolean;
  readonly posts: { text: string; mentions: string[] }[] = [];
  start = () => Promise.resolve();
  stop = () => Promise.resolve();
  onCommand(_h: CommandHandler): void { /* reminders only */ }
  post(text: string, mentions: Mention[] = []): Promise<void> {
    this.posts.push({ text, mentions: mentions.map((m) => m.handle) });
    return Promise.resolve();
  }
}

describe('reminders, escalation and the daily digest across two instances on one database', () => {
  useTestDatabase('staffroom_sched');
  // handoff questions: 5 working days from Mon 2026-03-02 → due Mon 03-09; reminder from Fri 03-06
  const t = testContext('2026-03-02T10:00:00');
  const room = new RecordingRoom();
  const renderer = new CaseRenderer(StaffTexts.load(path.join(ROOT, 'templates')), ROOT);
  const instance = () => new ReminderScheduler({ cases: t.ctx.cases, room, posts: new PostQueue({ room, logger: silentLogger }), renderer, logger: silentLogger, now: t.now });
  let made: CaseRecord[] = [];

  beforeAll(async () => {
    await loadExampleRoster();
    made = [];
    for (let i = 0; i < 3; i++) {
      made.push(await t.ctx.cases.createCase({
        kind: 'handoff', summary: `网上咨询 电话13912345678 第${i}件`,
        complainant: { channel: 'web', userId: `v${i}`, name: '王小二', phone: '13912345678', anonymous: false },
      }));
    }
  });

  it('posts each reminder once, @-mentioning holder and first responder, the working day before the deadline', async () => {
    const a = instance();
    const b = instance();
    t.setNow('2026-03-05T08:00:00');
    await Promise.all([a.tick(), b.tick()]);
    expect(room.posts).toEqual([]);
    t.setNow('2026-03-06T08:30:00');
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    const reminders = room.posts.filter((p) => p.text.startsWith('提醒'));
    expect(reminders.map((p) => /T\d{8}-\d{4}/.exec(p.text)?.[0]).sort()).toEqual(made.map((c) => c.number).sort());
    expect(reminders[0]?.mentions).toEqual(['李四']);
    expect(reminders[0]?.text).toContain('2026-03-09 23:59');
  });

  it('a restarted instance does not remind again; overdue cases are escalated to the leader once', async () => {
    const before = room.posts.length;
    await instance().tick();
    expect(room.posts.length).toBe(before);
    t.setNow('2026-03-10T08:00:00');
    await Promise.all([instance().tick(), instance().tick()]);
    const escalations = room.posts.slice(before).filter((p) => p.text.startsWith('超期'));
    expect(escalations).toHaveLength(3);
    expect(escalations[0]?.mentions).toEqual(['张三', '李四']);
    expect(escalations[0]?.text).toContain('请 张三（党政办主任（示例）） 督办');
  });

  it('posts the overdue digest once a day at 9:00 Beijing time, from one of two instances', async () => {
    const digests = () => room.posts.filter((p) => p.text.startsWith('【每日超期汇总】'));
    expect(digests()).toEqual([]); // 08:00: not yet
    t.setNow('2026-03-10T09:00:00');
    const a = instance();
    const b = instance();
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(digests()).toHaveLength(1);
    expect(digests()[0]?.text).toContain('2026-03-10 共 3 件超期未办结');
    expect(await Digest.findById('overdue:2026-03-10').lean()).toMatchObject({ count: 3 });
    t.setNow('2026-03-11T09:05:00');
    await Promise.all([a.tick(), b.tick()]);
    expect(digests()).toHaveLength(2);
    expect(room.posts.map((p) => p.text).join('\n')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });
});

describe('a room that is not ready', () => {
  useTestDatabase('staffroom_sched_down');
  const t = testContext('2026-03-02T10:00:00');

  it('claims no reminder while the room cannot be posted to, and sends it once the room is back', async () => {
    await loadExampleRoster();
    const c = await t.ctx.cases.createCase({ kind: 'handoff', summary: '网上咨询', complainant: { channel: 'web', userId: 'x', anonymous: true } });
    const room = new RecordingRoom();
    let ready = false;
    room.isReady = () => ready;
    const renderer = new CaseRenderer(StaffTexts.load(path.join(ROOT, 'templates')), ROOT);
    const s = new ReminderScheduler({ cases: t.ctx.cases, room, posts: new PostQueue({ room, logger: silentLogger }), renderer, logger: silentLogger, now: t.now });
    t.setNow('2026-03-06T09:30:00');
    await s.tick();
    expect(room.posts).toEqual([]);
    expect((await t.ctx.cases.find(c.number)).reminders.dueSoonAt ?? null).toBeNull();
    ready = true;
    await s.tick();
    expect(room.posts.filter((p) => p.text.includes(c.number))).toHaveLength(1);
  });
});
