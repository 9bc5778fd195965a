import dayjs from 'dayjs';
import { dayKey, TOWNSHIP_TZ } from '../calendar/index.js';
import { CaseModel, CLOCK_RUNNING, type CaseRecord, type CaseService } from '../cases/index.js';
import type { Logger } from '../logger.js';
import { officeLeader } from '../staff/index.js';
import { claimDigest, recordDigestCount, releaseDigest } from './digest.model.js';
import type { PostQueue } from './post-queue.js';
import type { CaseRenderer } from './render.js';
import { beijing, mentionsOf } from './resolve.js';
import type { StaffRoom } from './room.js';

export interface SchedulerOptions {
  cases: CaseService;
  room: StaffRoom;
  /** the room's durable outbox: a claimed reminder is stored before it is sent, so a failed send is retried */
  posts: PostQueue;
  renderer: CaseRenderer;
  logger: Logger;
  now?: () => Date;
  /** how often to look for due work (default 60 s) */
  intervalMs?: number;
  /** Beijing hour of the daily overdue digest (default 9) */
  digestHour?: number;
}

/**
 * Reminders the working day before a deadline, escalation to the office leader once overdue, and a
 * daily overdue digest. Every send is claimed in the database first, so several instances (and restarts)
 * send each one once.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly now: () => Date;

  constructor(private readonly opts: SchedulerOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.safeTick(); }, this.opts.intervalMs ?? 60_000);
    this.timer.unref();
    void this.safeTick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async safeTick(): Promise<void> {
    if (this.running) return;
    this.running = this.tick().catch((err: unknown) => this.opts.logger.error({ err }, 'staff-room reminders failed'));
    try { await this.running; } finally { this.running = undefined; }
  }

  /** One pass: reminders, escalations, and the digest when its hour has come. */
  async tick(): Promise<void> {
    // claimed reminders would wait in the queue; while the room is down nothing is claimed, so they go out fresh
    if (this.opts.room.isReady && !this.opts.room.isReady()) return;
    const now = this.now();
    for (const c of await this.opts.cases.dueForReminder(now)) await this.remind(c);
    for (const c of await this.opts.cases.overdue(now)) await this.escalate(c, now);
    await this.digest(now);
  }

  private async remind(c: CaseRecord): Promise<void> {
    const text = this.opts.renderer.render('remind', { number: c.number, summary: this.opts.renderer.roomSummary(c), due: beijing(c.deadline.due) });
    await this.opts.posts.enqueue(`remind:${c.number}:${c.deadline.due.toISOString()}`, text, await mentionsOf([c.holderId, c.firstResponderId]));
  }

  private async escalate(c: CaseRecord, now: Date): Promise<void> {
    const r = this.opts.renderer;
    const leader = await officeLeader(c.officeCode, now);
    const text = r.render('escalate', {
      number: c.number, summary: this.opts.renderer.roomSummary(c), due: beijing(c.deadline.due),
      holder: await r.person(c.holderId), firstResponder: await r.person(c.firstResponderId), leader: await r.person(leader?.staffId),
    });
    await this.opts.posts.enqueue(`escalate:${c.number}:${c.deadline.due.toISOString()}`, text, await mentionsOf([leader?.staffId, c.holderId]));
  }

  private async digest(now: Date): Promise<void> {
    if (dayjs(now).tz(TOWNSHIP_TZ).hour() < (this.opts.digestHour ?? 9)) return;
    const day = dayKey(now);
    const key = `overdue:${day}`;
    if (!(await claimDigest(key, now))) return;
    try {
      const late = await CaseModel.find({ status: { $in: CLOCK_RUNNING }, 'deadline.due': { $lt: now } }).sort({ 'deadline.due': 1 }).lean<CaseRecord[]>();
      await recordDigestCount(key, late.length);
      if (!late.length) return;
      const r = this.opts.renderer;
      const lines = [r.render('digest_header', { date: day, count: late.length })];
      for (const c of late) {
        lines.push(r.render('digest_line', { number: c.number, office: await r.officeName(c.officeCode), holder: await r.person(c.holderId), due: beijing(c.deadline.due) }));
      }
      await this.opts.posts.enqueue(`digest:${day}`, lines.join('\n'));
    } catch (err) {
      // not queued (the database failed): give the claim back so the next tick composes it again
      await releaseDigest(key);
      throw err;
    }
  }
}
