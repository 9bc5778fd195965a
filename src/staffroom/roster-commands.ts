import { Office, onDutyMember, Staff, type OfficeRecord, type StaffRecord } from '../staff/index.js';
import type { CommandDeps } from './commands.js';
import type { StaffCommand } from './parse.js';
import { beijing, parseLeaveDate, resolveStaffByName, StaffRoomError } from './resolve.js';

/** 值班 and 请假: roster commands that touch no case. */
export async function runRosterCommand(
  cmd: Extract<StaffCommand, { verb: 'duty' | 'leave' }>, staff: StaffRecord, deps: CommandDeps,
): Promise<string> {
  return cmd.verb === 'duty' ? duty(deps) : leave(cmd.until, cmd.substitute, staff, deps);
}

/** Who takes new work in each office right now (substitutes included). */
async function duty(deps: CommandDeps): Promise<string> {
  const now = deps.now();
  const offices = await Office.find().sort({ code: 1 }).lean<OfficeRecord[]>();
  const lines = [deps.renderer.render('duty_header')];
  for (const o of offices) {
    const m = await onDutyMember(o.code, now);
    lines.push(deps.renderer.render('duty_line', { office: o.name, member: m ? await deps.renderer.person(m.staffId) : deps.renderer.render('duty_nobody') }));
  }
  return lines.join('\n');
}

/** 请假 到 日期 由 某某 替岗: leave from now to the end of that day, with a designated substitute (同岗替代). */
async function leave(until: string, substituteName: string, staff: StaffRecord, deps: CommandDeps): Promise<string> {
  const now = deps.now();
  const to = parseLeaveDate(until, now);
  const substitute = await resolveStaffByName(substituteName);
  if (substitute.staffId === staff.staffId) throw new StaffRoomError('unknown_substitute', { name: substituteName });
  await Staff.updateOne({ staffId: staff.staffId }, { $set: { leave: { from: now, to, substituteStaffId: substitute.staffId } } });
  return deps.renderer.render('done.leave', { name: staff.name, to: beijing(to), substitute: await deps.renderer.person(substitute.staffId) });
}
