import type { WorkingCalendar } from '../calendar/index.js';
import { CaseError, type CaseService } from '../cases/index.js';
import type { CaseEvents } from '../cases/events.js';
import { textReply, type ChannelId } from '../core/message.js';
import { UserFacingError } from '../core/errors.js';
import type { Deliverer } from '../features.js';
import type { Logger } from '../logger.js';
import { officeLeader, type StaffRecord } from '../staff/index.js';
import { emit, pause, recordInterview, refuse, resume, type StaffInterviews } from './decisions.js';
import { runRosterCommand } from './roster-commands.js';
import { parseCommand, type StaffCommand } from './parse.js';
import type { CaseRenderer } from './render.js';
import { beijing, identifySender, resolveCaseNumber, resolveOffice, StaffRoomError } from './resolve.js';
import type { CommandHandler, Sender } from './room.js';

export interface CommandDeps {
  cases: CaseService;
  caseEvents: CaseEvents;
  deliverer: Deliverer;
  calendar: WorkingCalendar;
  renderer: CaseRenderer;
  logger: Logger;
  now: () => Date;
  /** 视频约谈: the room archives the record (约谈记录) */
  interviews: StaffInterviews;
  /** how long the villager may wait for a rejection notice (否定报备: 10 working days from filing) */
  rejectionNoticeDue: (filedAt: Date) => Date;
}

/** A command about one case (every verb but the roster's 值班 and 请假). */
export type CaseCommand = Exclude<StaffCommand, { verb: 'duty' } | { verb: 'leave' }>;

const HELP = /^(帮助|指令|命令|help|\?)$/i;

/** The room's command handler: parse, identify the sender, run, answer in words from the templates. */
export function createCommandHandler(deps: CommandDeps): CommandHandler {
  const { renderer } = deps;
  return async (from: Sender, text: string) => {
    const parsed = parseCommand(text);
    if (parsed.kind === 'none') {
      return from.addressed || HELP.test(text.normalize('NFKC').trim()) ? renderer.render('usage') : undefined;
    }
    if (parsed.kind === 'malformed') return renderer.render(`usage.${parsed.verb}`);
    const staff = await identifySender(from, deps.logger);
    if (!staff) {
      return from.directoryId !== undefined ? renderer.render('unknown_directory_user', { userId: from.directoryId }) : renderer.render('unknown_sender');
    }
    try {
      const cmd = parsed.command;
      if (cmd.verb === 'duty' || cmd.verb === 'leave') return await runRosterCommand(cmd, staff, deps);
      return await runCaseCommand(cmd, staff, deps);
    } catch (err) {
      if (err instanceof UserFacingError) return refusalText(err, deps, parsed.command.verb);
      deps.logger.error({ err, sender: staff.staffId, verb: parsed.command.verb }, 'staff-room command failed');
      return renderer.render('error');
    }
  };
}

/** The words of an expected refusal (the case rules' or the room's own), as the room answers it. */
export function refusalText(err: UserFacingError, deps: Pick<CommandDeps, 'renderer' | 'logger'>, verb: string): string {
  const { renderer } = deps;
  if (!renderer.texts.has(err.templateKey)) {
    deps.logger.error({ key: err.templateKey, verb }, 'no staff-room template for this refusal');
    return renderer.render('error');
  }
  return err instanceof CaseError ? renderer.texts.refusal(err) : renderer.render(err.templateKey, err.vars);
}

/**
 * Runs one case command for a staff member and returns the room's answer. The admin console calls this
 * too (src/admin/case-actions.ts), so a case action from the page follows exactly the room's rules.
 */
export async function runCaseCommand(cmd: CaseCommand, staff: StaffRecord, deps: CommandDeps): Promise<string> {
  const { cases, renderer } = deps;
  const number = await resolveCaseNumber(cmd.number, deps.now());
  const me = staff.staffId;
  const r = renderer.render;
  switch (cmd.verb) {
    case 'show': {
      const c = await cases.find(number);
      // 回避: a member the complaint names does not read it (001 第四条)
      if (renderer.confidentiality.isConflicted(c, me)) throw new StaffRoomError('show_conflict', { number });
      return renderer.show(c, staff);
    }
    case 'take': {
      const c = await cases.take(number, me);
      emit(deps, c, 'take', me);
      return r('done.take', { number, actor: await renderer.person(me), due: beijing(c.deadline.due) });
    }
    case 'transfer': {
      const office = await resolveOffice(cmd.office);
      const c = await cases.transfer(number, me, office.code, cmd.reason);
      emit(deps, c, 'transfer', me, cmd.reason);
      return r('done.transfer', {
        number, actor: await renderer.person(me), office: office.name, holder: await renderer.person(c.holderId),
        note: renderer.mask(c, cmd.reason), firstResponder: await renderer.person(c.firstResponderId),
      });
    }
    case 'reply':
      return relay(number, me, cmd.text, deps);
    case 'close': {
      const c = await cases.close(number, me, cmd.result);
      emit(deps, c, 'close', me, cmd.result);
      return r('done.close', { number, note: renderer.mask(c, cmd.result) });
    }
    case 'extend': {
      const c = await cases.requestExtension(number, me, cmd.days, cmd.reason);
      emit(deps, c, 'requestExtension', me, cmd.reason);
      const leader = await officeLeader(c.officeCode, deps.now());
      return r('done.extend', { number, days: cmd.days, note: renderer.mask(c, cmd.reason), leader: await renderer.person(leader?.staffId) });
    }
    case 'reject': {
      const c = await cases.fileRejection(number, me, cmd.reason, cmd.basis);
      emit(deps, c, 'fileRejection', me, cmd.reason);
      const leader = await officeLeader(c.officeCode, deps.now());
      return r('done.reject', {
        number, reason: renderer.mask(c, cmd.reason), basis: cmd.basis, leader: await renderer.person(leader?.staffId),
        leaderDue: beijing(c.deadline.due), villagerDue: beijing(deps.rejectionNoticeDue(c.rejection?.filedAt ?? deps.now())),
      });
    }
    case 'approve':
      return approve(number, me, deps);
    case 'refuse':
      return refuse(number, me, cmd.reason, deps);
    case 'pause':
      return pause(number, me, cmd.reason, deps);
    case 'resume':
      return resume(number, me, deps);
    case 'recordInterview':
      return recordInterview(number, staff, cmd.text, deps);
  }
}

/** 批准 N: the pending rejection filing if there is one, else the pending extension. */
async function approve(number: string, me: string, deps: CommandDeps): Promise<string> {
  const current = await deps.cases.find(number);
  if (current.status === 'rejectionFiled') {
    const c = await deps.cases.approveRejection(number, me);
    emit(deps, c, 'approveRejection', me);
    return deps.renderer.render('done.approve_rejection', { number, villagerDue: beijing(c.deadline.due) });
  }
  const c = await deps.cases.approveExtension(number, me);
  emit(deps, c, 'approveExtension', me);
  return deps.renderer.render('done.approve_extension', { number, due: beijing(c.deadline.due) });
}

/** 回复 N: recorded on the case first (that checks who may answer), then sent on the villager's own channel. */
async function relay(number: string, me: string, text: string, deps: CommandDeps): Promise<string> {
  const c = await deps.cases.reply(number, me, text);
  emit(deps, c, 'reply', me, text.trim());
  const message = deps.renderer.render('relay', { number, text: text.trim() });
  try {
    await deps.deliverer.deliver({ channel: c.complainant.channel as ChannelId, userId: c.complainant.userId }, textReply(message), { caseNumber: number });
    return deps.renderer.render('done.reply', { number });
  } catch (err) {
    deps.logger.warn({ err, caseNumber: number }, 'staff reply could not be delivered to the villager');
    return deps.renderer.render('done.reply_undelivered', { number });
  }
}
