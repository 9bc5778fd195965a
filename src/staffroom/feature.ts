import { loadCaseRules, type CaseRecord } from '../cases/index.js';
import type { Feature, FeatureContext } from '../features.js';
import { InterviewService } from '../interviews/index.js';
import { createCommandHandler, type CommandDeps } from './commands.js';
import type { StaffInterviews } from './decisions.js';
import { claimDigest, releaseDigest } from './digest.model.js';
import { parseCommand } from './parse.js';
import { PostQueue } from './post-queue.js';
import { CaseRenderer } from './render.js';
import { mentionsOf } from './resolve.js';
import type { StaffRoom } from './room.js';
import { ReminderScheduler } from './scheduler.js';
import { StaffTexts } from './texts.js';
import { createUpdatePoster } from './updates.js';
import { WechatyStaffRoom } from './wechaty-room.js';

export interface StaffRoomFeatureOptions {
  /**
   * the room to use, or a function asked at start (the composition root hands over the 企业微信, QQ or
   * Telegram group its channels built); when it gives none, a Wechaty group from WECHATY_PUPPET / STAFF_ROOM_TOPIC
   */
  room?: StaffRoom | (() => StaffRoom | undefined);
  /** reminder pass interval (default 60 s) */
  intervalMs?: number;
  now?: () => Date;
  /** the interview service (约谈记录); by default one on the same cases, events and deliverer */
  interviews?: StaffInterviews;
}

/** The room only archives interview records; reminders are the cases-dialogue feature's (it words them for villagers). */
function roomInterviews(ctx: FeatureContext, now: () => Date): StaffInterviews {
  return new InterviewService({
    calendar: ctx.calendar, cases: ctx.cases, caseEvents: ctx.caseEvents, deliverer: ctx.deliverer, now,
    reminderText: () => { throw new Error('the staff room does not send interview reminders'); },
  });
}

/**
 * The staff group chat (工作群): new cases are posted as masked cards, staff work them with short
 * commands, and reminders, escalations and a daily overdue digest are posted on time.
 * Off (one log line) when no room is configured.
 */
export function staffRoomFeature(ctx: FeatureContext, opts: StaffRoomFeatureOptions = {}): Feature {
  const now = opts.now ?? (() => new Date());
  let running: { room: StaffRoom; posts: PostQueue; scheduler: ReminderScheduler; listeners: Listeners } | undefined;
  return {
    name: 'staffroom',
    start: async () => {
      const room = (typeof opts.room === 'function' ? opts.room() : opts.room) ?? wechatyRoom(ctx);
      if (!room) {
        ctx.logger.info('staff room off: no 企业微信 (WECOM_*), QQ (STAFF_ROOM_ONEBOT_GROUP), Telegram (STAFF_ROOM_TELEGRAM_CHAT) or Wechaty (WECHATY_PUPPET) group is configured; staff work cases in the admin console');
        return;
      }
      const posts = new PostQueue({ room, logger: ctx.logger });
      const scheduler = new ReminderScheduler({ cases: ctx.cases, room, posts, renderer: renderer(ctx), logger: ctx.logger, now, intervalMs: opts.intervalMs });
      room.onCommand(commandHandler(ctx, opts, now));
      const listeners = attach(ctx, posts, now);
      running = { room, posts, scheduler, listeners };
      ctx.logger.info({ staffRoom: room.kind }, 'staff room on');
      try {
        await room.start();
      } catch (err) {
        // the bot serves villagers without the staff room; the scheduler does not run (it would claim reminders nobody sees)
        ctx.logger.error({ err, staffRoom: room.kind }, 'staff room could not start');
        return;
      }
      posts.start();
      void posts.flush(); // what earlier runs left queued
      scheduler.start();
    },
    stop: async () => {
      if (!running) return;
      const { room, posts, scheduler, listeners } = running;
      running = undefined;
      ctx.caseEvents.off('created', listeners.created);
      ctx.caseEvents.off('updated', listeners.updated);
      await scheduler.stop();
      await posts.stop();
      await room.stop();
    },
  };
}

interface Listeners {
  created: (record: CaseRecord) => void;
  updated: ReturnType<typeof createUpdatePoster>;
}

function wechatyRoom(ctx: FeatureContext): StaffRoom | undefined {
  const c = ctx.config;
  return c.WECHATY_PUPPET
    ? new WechatyStaffRoom({ puppet: c.WECHATY_PUPPET, puppetToken: c.WECHATY_PUPPET_TOKEN, topic: c.STAFF_ROOM_TOPIC, logger: ctx.logger })
    : undefined;
}

function renderer(ctx: FeatureContext): CaseRenderer {
  return new CaseRenderer(StaffTexts.load(ctx.templatesDir), ctx.rootDir);
}

/** What a case command needs; the room and the admin console's case actions build it the same way. */
export function caseCommandDeps(ctx: FeatureContext, now: () => Date, interviews?: StaffInterviews): CommandDeps {
  const rejectionLimit = loadCaseRules(ctx.templatesDir).procedures.rejection.limit;
  return {
    cases: ctx.cases, caseEvents: ctx.caseEvents, deliverer: ctx.deliverer, calendar: ctx.calendar, renderer: renderer(ctx), logger: ctx.logger, now,
    interviews: interviews ?? roomInterviews(ctx, now),
    rejectionNoticeDue: (filedAt) => (rejectionLimit.unit === 'working'
      ? ctx.calendar.addWorkingDays(filedAt, rejectionLimit.days)
      : ctx.calendar.addCalendarDays(filedAt, rejectionLimit.days)).due,
  };
}

function commandHandler(ctx: FeatureContext, opts: StaffRoomFeatureOptions, now: () => Date): ReturnType<typeof createCommandHandler> {
  const handle = createCommandHandler(caseCommandDeps(ctx, now, opts.interviews));
  // a message the platform delivers again (a retried callback, another instance) is run once
  return async (from, text) => {
    const once = from.messageId && parseCommand(text).kind !== 'none';
    return once && !(await claimDigest(`command:${from.messageId ?? ''}`, now())) ? undefined : handle(from, text);
  };
}

/** Cards for new cases and lines for outside changes go into the durable queue. */
function attach(ctx: FeatureContext, posts: PostQueue, now: () => Date): Listeners {
  const r = renderer(ctx);
  const created = (record: CaseRecord): void => {
    void (async () => {
      // a retried intake may announce the same case again: the card goes out once
      const key = `card:${record.number}`;
      if (!(await claimDigest(key, now()))) return;
      try {
        await posts.enqueue(key, await r.card(record), await mentionsOf([record.holderId, record.firstResponderId]));
      } catch (err) {
        await releaseDigest(key);
        throw err;
      }
    })().catch((err: unknown) => ctx.logger.error({ err, caseNumber: record.number }, 'case card could not be queued'));
  };
  const updated = createUpdatePoster({ posts, renderer: r, logger: ctx.logger, now });
  ctx.caseEvents.on('created', created);
  ctx.caseEvents.on('updated', updated);
  return { created, updated };
}
