import { allStaff, onDutyMember, type StaffRecord } from '../staff/index.js';
import type { Router } from './routing.js';

/**
 * Staff a complaint is about (回避): those named explicitly, plus every roster member whose
 * full name (two characters or more) appears in the complaint's text.
 */
export async function conflictsFor(texts: readonly (string | undefined)[], namedStaffIds: readonly string[] = []): Promise<string[]> {
  const haystack = texts.filter(Boolean).join('\n');
  const named = (await allStaff()).filter((s) => s.name.length >= 2 && haystack.includes(s.name)).map((s) => s.staffId);
  return [...new Set([...namedStaffIds, ...named])];
}

export interface Placement {
  officeCode: string;
  holder: StaffRecord | null;
}

/**
 * Who holds a case in `officeCode`: the on-duty member or substitute, else the office leader, never
 * a conflicted member. When conflicts leave nobody in the office, the case goes to 纪委.
 */
export async function placeCase(officeCode: string, at: Date, exclude: readonly string[], router: Router): Promise<Placement> {
  const holder = await onDutyMember(officeCode, at, { exclude });
  if (holder) return { officeCode, holder };
  if (exclude.length > 0 && officeCode !== router.disciplineOffice) {
    const discipline = await onDutyMember(router.disciplineOffice, at, { exclude });
    if (discipline) return { officeCode: router.disciplineOffice, holder: discipline };
  }
  return { officeCode, holder: null };
}
