import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { Office, Staff, STAFF_ROLES } from './staff.model.js';

const leaveSchema = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
  substitute: z.string().min(1),
});

const rosterSchema = z.object({
  /** true in the shipped example: the admin must replace the placeholder people */
  example: z.boolean().default(false),
  offices: z.array(z.object({ code: z.string().min(1), name: z.string().min(1), leader: z.string().optional() })),
  staff: z.array(
    z.object({
      staffId: z.string().min(1),
      name: z.string().min(1),
      post: z.string().default(''),
      office: z.string().min(1),
      contact: z.union([z.string(), z.number()]).transform(String).default(''),
      chatHandle: z.string().default(''),
      /** stable chat contact id (wechaty talker.id); absent = keep what the room pinned, '' = unpin */
      chatId: z.union([z.string(), z.number()]).transform(String).optional(),
      /** 企业微信/政务微信 userid (通讯录 账号); absent = keep, '' = clear */
      wecomUserId: z.union([z.string(), z.number()]).transform(String).optional(),
      roles: z.array(z.enum(STAFF_ROLES as [string, ...string[]])).default(['staff']),
      onDuty: z.boolean().default(true),
      leave: leaveSchema.optional(),
    }),
  ),
});

export type RosterFile = z.infer<typeof rosterSchema>;

export class RosterFileError extends Error {
  override name = 'RosterFileError';
}

/** Parses and checks a roster YAML: unique ids, every office and leader and substitute known. */
export function parseRoster(text: string, source = 'roster'): RosterFile {
  const result = rosterSchema.safeParse(parse(text));
  if (!result.success) throw new RosterFileError(`${source}: ${z.prettifyError(result.error)}`, { cause: result.error });
  const roster = result.data;
  const officeCodes = new Set(roster.offices.map((o) => o.code));
  const staffIds = new Set(roster.staff.map((s) => s.staffId));
  const problems: string[] = [];
  if (officeCodes.size !== roster.offices.length) problems.push('duplicate office code');
  if (staffIds.size !== roster.staff.length) problems.push('duplicate staffId');
  const chatIds = roster.staff.map((s) => s.chatId).filter((id): id is string => !!id);
  if (new Set(chatIds).size !== chatIds.length) problems.push('duplicate chatId');
  const wecomIds = roster.staff.map((s) => s.wecomUserId).filter((id): id is string => !!id);
  if (new Set(wecomIds).size !== wecomIds.length) problems.push('duplicate wecomUserId');
  for (const o of roster.offices) if (o.leader && !staffIds.has(o.leader)) problems.push(`office ${o.code}: unknown leader ${o.leader}`);
  for (const s of roster.staff) {
    if (!officeCodes.has(s.office)) problems.push(`staff ${s.staffId}: unknown office ${s.office}`);
    if (s.leave && !staffIds.has(s.leave.substitute)) problems.push(`staff ${s.staffId}: unknown substitute ${s.leave.substitute}`);
  }
  if (problems.length) throw new RosterFileError(`${source}: ${problems.join('; ')}`);
  return roster;
}

/** Seeds or updates offices and staff from a roster YAML file (upsert by code / staffId). */
export async function loadRosterFile(path: string): Promise<{ offices: number; staff: number; example: boolean }> {
  const roster = parseRoster(await readFile(path, 'utf8'), path);
  for (const o of roster.offices) {
    await Office.updateOne({ code: o.code }, { $set: { name: o.name, leaderStaffId: o.leader } }, { upsert: true });
  }
  for (const s of roster.staff) {
    const leave = s.leave ? { from: s.leave.from, to: s.leave.to, substituteStaffId: s.leave.substitute } : undefined;
    const set = {
      name: s.name, post: s.post, officeCode: s.office, contact: s.contact,
      chatHandle: s.chatHandle, roles: s.roles, onDuty: s.onDuty,
      ...(s.chatId !== undefined ? { chatId: s.chatId } : {}),
      ...(s.wecomUserId !== undefined ? { wecomUserId: s.wecomUserId } : {}),
    };
    await Staff.updateOne(
      { staffId: s.staffId },
      leave ? { $set: { ...set, leave } } : { $set: set, $unset: { leave: 1 } },
      { upsert: true },
    );
  }
  return { offices: roster.offices.length, staff: roster.staff.length, example: roster.example };
}
