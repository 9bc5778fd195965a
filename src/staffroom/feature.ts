import { loadCaseRules, type CaseRecord } from '../cases/index.js';
import type { Feature, FeatureContext } from '../features.js';
import { InterviewService } from '../interviews/index.js';
import { findStaff } from '../staff/index.js';
import { createCommandHandler, type CommandDeps } from './commands.js';
import type { StaffInterviews } from './decisions.js';
import { claimDigest } from './digest.model.js';
import { CaseRenderer } from './render.js';
import type { StaffRoom } from './room.js';
import { ReminderScheduler } from './scheduler.js';
import { StaffTexts } from './texts.js';
import { createUpdatePoster } from './updates.js';
import { WechatyStaffRoom } from './wechaty-room.js';

export interface StaffRoomFeatureOptions {
  /** the room to use; by default a Wechaty group from WECHATY_PUPPET / STAFF_ROOM_TOPIC */
  room?: StaffRoom;
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

/** What a case command needs; the room and the admin console's case actions build it the same way. */
export function caseCommandDeps(ctx: FeatureContext, now: () => Date, interviews?: StaffInterviews): CommandDeps {
  const rejectionLimit = loadCaseRules(ctx.templatesDir).procedures.rejection.limit;
  return {
    cases: ctx.cases, caseEvents: ctx.caseEvents, deliverer: ctx.deliverer, calendar: ctx.calendar, logger: ctx.logger, now,
    renderer: new CaseRenderer(StaffTexts.load(ctx.templatesDir), ctx.rootDir),
    interviews: interviews ?? roomInterviews(ctx, now),
    rejectionNoticeDue: (filedAt) => (rejectionLimit.unit === 'working'
      ? ctx.calendar.addWorkingDays(filedAt, rejectionLimit.days)
      : ctx.calendar.addCalendarDays(filedAt, rejectionLimit.days)).due,
  };
}

/**
 * The staff group chat (工作群): new cases are posted as masked cards, staff work them with short
 * commands, and reminders, escalations and a daily overdue digest are posted on time.
 * Off (one log line) when no room is configured.
 */
export function staffRoomFeature(ctx: FeatureContext, opts: StaffRoomFeatureOptions = {}): Feature {
  const room = opts.room ?? (ctx.config.WECHATY_PUPPET
    ? new WechatyStaffRoom({ puppet: ctx.config.WECHATY_PUPPET, puppetToken: ctx.config.WECHATY_PUPPET_TOKEN, topic: ctx.config.STAFF_ROOM_TOPIC, logger: ctx.logger })
    : undefined);
  if (!room) {
    ctx.logger.info('staff room off: WECHATY_PUPPET is not set');
    return { name: 'staffroom' };
  }
  const now = opts.now ?? (() => new Date());
  const deps = caseCommandDeps(ctx, now, opts.interviews);
  const renderer = deps.renderer;
  room.onCommand(createCommandHandler(deps));
  const scheduler = new ReminderScheduler({ cases: ctx.cases, room, renderer, logger: ctx.logger, now, intervalMs: opts.intervalMs });
  const postCard = (record: CaseRecord): void => {
    void (async () => {
      // a retried intake may announce the same case again: the card goes out once
      if (!(await claimDigest(`card:${record.number}`, now()))) return;
      const handles = await Promise.all([record.holderId, record.firstResponderId].map(async (id) => (id ? (await findStaff(id))?.chatHandle : undefined)));
      await room.post(await renderer.card(record), [...new Set(handles.filter((h): h is string => !!h))]);
    })().catch((err: unknown) => ctx.logger.error({ err, caseNumber: record.number }, 'case card could not be posted'));
  };
  const postUpdate = createUpdatePoster({ room, renderer, logger: ctx.logger, now });
  return {
    name: 'staffroom',
    start: async () => {
      ctx.caseEvents.on('created', postCard);
      ctx.caseEvents.on('updated', postUpdate);
      try {
        await room.start();
      } catch (err) {
        // the bot serves villagers without the staff room; the scheduler does not run (it would claim reminders nobody sees)
        ctx.logger.error({ err }, 'staff room could not start');
        return;
      }
      scheduler.start();
    },
    stop: async () => {
      ctx.caseEvents.off('created', postCard);
      ctx.caseEvents.off('updated', postUpdate);
      await scheduler.stop();
      await room.stop();
    },
  };
}
