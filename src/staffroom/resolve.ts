import dayjs from 'dayjs';
import { dayKey, endOfDay, TOWNSHIP_TZ } from '../calendar/index.js';
import { CaseModel, type CaseRecord } from '../cases/index.js';
import { UserFacingError } from '../core/errors.js';
import type { Logger } from '../logger.js';
import { findStaff, findStaffByChatHandle, findStaffByChatId, findStaffByWecomUserId, Office, pinChatId, Staff, type OfficeRecord, type StaffRecord } from '../staff/index.js';
import type { Mention, Sender } from './room.js';

/** A refusal whose words live in templates/staffroom.yml. */
export class StaffRoomError extends UserFacingError {
  override name = 'StaffRoomError';
}

/**
 * The case a staff member means: the full number, or the last digits of one of today's numbers
 * (its sequence number first: "1" is today's 0001). Ambiguous last digits are refused.
 */
export async function resolveCaseNumber(input: string, now: Date): Promise<string> {
  if (input.startsWith('T')) return input;
  const prefix = `T${dayKey(now).replaceAll('-', '')}-`;
  const today = await CaseModel.find({ number: { $regex: `^${prefix}` } }, { number: 1 }).lean<Pick<CaseRecord, 'number'>[]>();
  const seq = (n: string) => n.slice(prefix.length);
  const exact = today.filter((c) => Number(seq(c.number)) === Number(input));
  if (exact.length === 1 && exact[0]) return exact[0].number;
  const ending = today.filter((c) => seq(c.number).endsWith(input));
  if (ending.length === 1 && ending[0]) return ending[0].number;
  if (ending.length > 1) throw new StaffRoomError('ambiguous_number', { number: input });
  return input; // CaseService.find says it does not exist
}

/**
 * The roster member behind a chat sender. A pinned contact id (`chatId`) decides first, whatever nickname
 * it shows. Otherwise the chat handle, then the display name, finds the member; a member pinned to another
 * id is refused (null: someone wearing a colleague's nickname), and an unpinned one is pinned to this
 * sender's id now (trust on first use, logged at warn so an admin can check it).
 */
export async function identifySender(
  from: Pick<Sender, 'handle' | 'name' | 'directoryId'> & { id?: string },
  log?: Pick<Logger, 'warn'>,
): Promise<StaffRecord | null> {
  // a directory account (企业微信 userid) is the roster's to list: no nickname guessing, no pinning
  if (from.directoryId !== undefined) return findStaffByWecomUserId(from.directoryId);
  const id = from.id ?? '';
  const pinned = await findStaffByChatId(id);
  if (pinned) return pinned;
  const byName = (from.handle ? await findStaffByChatHandle(from.handle) : null) ?? (from.name ? await findStaffByChatHandle(from.name) : null);
  if (!byName) return null;
  if (byName.chatId) return null; // pinned to another account (or the room gave no id): refuse
  if (!id) return byName; // a room without contact ids: the nickname is all there is
  if (await pinChatId(byName.staffId, id)) {
    log?.warn({ staffId: byName.staffId, name: byName.name, handle: from.handle, chatId: id }, 'staff room: chat id pinned to a roster member on first use; check it is really theirs');
    return { ...byName, chatId: id };
  }
  return (await findStaffByChatId(id)) ?? null; // pinned concurrently: only the winner is this member
}

/** How a member is @-mentioned: each platform uses the id it knows (else `@handle`). */
export function mentionOf(s: Pick<StaffRecord, 'chatHandle' | 'chatId' | 'wecomUserId'>): Mention {
  return { handle: s.chatHandle, ...(s.chatId ? { chatId: s.chatId } : {}), ...(s.wecomUserId ? { directoryId: s.wecomUserId } : {}) };
}

/** The mentions of these staff ids (unknown and empty ids left out, each member once). */
export async function mentionsOf(ids: readonly (string | null | undefined)[]): Promise<Mention[]> {
  const out: Mention[] = [];
  for (const id of new Set(ids)) {
    const s = id ? await findStaff(id) : null;
    if (s && (s.chatHandle || s.chatId || s.wecomUserId)) out.push(mentionOf(s));
  }
  return out;
}

/** An office by code, by its name, or by a name that contains what was typed (民政 → 民政办). */
export async function resolveOffice(input: string): Promise<OfficeRecord> {
  const offices = await Office.find().sort({ code: 1 }).lean<OfficeRecord[]>();
  const found = offices.find((o) => o.code === input || o.name === input)
    ?? (offices.filter((o) => o.name.includes(input) || input.includes(o.name)).length === 1
      ? offices.find((o) => o.name.includes(input) || input.includes(o.name)) : undefined);
  if (!found) throw new StaffRoomError('unknown_office', { office: input, offices: offices.map((o) => o.name).join('、') });
  return found;
}

/** A colleague by roster name or chat handle. */
export async function resolveStaffByName(name: string): Promise<StaffRecord> {
  const found = await Staff.findOne({ $or: [{ name }, { chatHandle: name }, { staffId: name }] }).lean<StaffRecord>();
  if (!found) throw new StaffRoomError('unknown_substitute', { name });
  return found;
}

/** 3月5日 / 2026年3月5日 / 2026-03-05 / 3-5 / 3/5 / 3.5 → the end of that Beijing day (this year, or next if already past). */
export function parseLeaveDate(input: string, now: Date): Date {
  const m = /^(?:(\d{4})[年\-/.])?(\d{1,2})[月\-/.](\d{1,2})[日号]?$/.exec(input);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) throw new StaffRoomError('bad_date', { date: input });
  const thisYear = dayjs(now).tz(TOWNSHIP_TZ).year();
  const key = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  let year = m[1] ? Number(m[1]) : thisYear;
  if (!m[1] && key(year) < dayKey(now)) year += 1;
  if (new Date(`${key(year)}T00:00:00Z`).getUTCDate() !== day) throw new StaffRoomError('bad_date', { date: input });
  return endOfDay(key(year));
}

/** 'Name（post）' for staff, from the roster; null ids render as the template's nobody text. */
export async function personLabel(staffId: string | null | undefined, render: (key: string, vars?: Record<string, string>) => string): Promise<string> {
  const s = staffId ? await findStaff(staffId) : null;
  if (!s) return render('card_nobody');
  return s.post ? render('person', { name: s.name, post: s.post }) : s.name;
}

/** 'YYYY-MM-DD HH:mm' Beijing time. */
export function beijing(at: Date): string {
  return dayjs(at).tz(TOWNSHIP_TZ).format('YYYY-MM-DD HH:mm');
}

/** 'YYYY年M月D日' Beijing time: a deadline as the villager reads it (it ends at the end of that day). */
export function beijingDay(at: Date): string {
  return dayjs(at).tz(TOWNSHIP_TZ).format('YYYY年M月D日');
}
