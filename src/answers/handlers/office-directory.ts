import { officeFieldLines } from '../render-sections.js';
import type { RenderContext } from '../answer-phrases.js';
import type { Office } from '../service-template.schema.js';

/**
 * Office contacts for `contact` answers, from templates/offices.yml and the `contact_*` phrases of
 * templates/answers.yml (which words name which office, the general office, the listed offices).
 */
export const CONTACT_KEYS = [
  'contact_header', 'contact_for_service', 'contact_holiday', 'contact_other_offices', 'contact_general_office',
  'contact_listed_offices', 'contact_office_aliases', 'contact_holiday_words',
] as const;

/** Thrown at build time when the contact phrases refer to an office templates/offices.yml does not have. */
export class OfficeDirectoryError extends Error {
  override name = 'OfficeDirectoryError';
}

export interface OfficeDirectory {
  /** the office a text names (longest matching word wins), if any */
  named(text: string): string | undefined;
  /** the office answering when nothing else is known (便民服务中心) */
  generalId: string;
  /** the offices listed after the general one */
  listedIds: string[];
  /** whether the text asks about holidays ("国庆放假几号上班") */
  asksAboutHolidays(text: string): boolean;
}

/** A catalog phrase that is a list of words ("放假、假期、…"). */
export const splitList = (s: string): string[] => s.split(/[、,，\s]+/).map((w) => w.trim()).filter((w) => w !== '');

function parseAliases(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([\w-]+)\s*[:：]\s*(.*)$/.exec(line);
    if (!m) continue;
    for (const word of splitList(m[2] ?? '')) pairs.push([word, m[1] ?? '']);
  }
  return pairs;
}

/** Builds the directory; every office id it mentions must exist in templates/offices.yml. */
export function buildOfficeDirectory(ctx: RenderContext): OfficeDirectory {
  const p = ctx.phrases;
  const words = new Map<string, string>();
  for (const [id, office] of ctx.offices) words.set(office.name, id);
  for (const [word, id] of parseAliases(p.render('contact_office_aliases'))) words.set(word, id);
  const generalId = p.render('contact_general_office').trim();
  const listedIds = splitList(p.render('contact_listed_offices'));
  const unknown = [...words.values(), generalId, ...listedIds].filter((id) => !ctx.offices.has(id));
  if (unknown.length > 0) throw new OfficeDirectoryError(`templates/answers.yml: contact phrases name unknown offices: ${[...new Set(unknown)].join(', ')}`);
  const byLength = [...words.entries()].sort((a, b) => b[0].length - a[0].length);
  const holidayWords = splitList(p.render('contact_holiday_words'));
  return {
    named: (text) => byLength.find(([word]) => text.includes(word))?.[1],
    generalId,
    listedIds: listedIds.filter((id) => id !== generalId),
    asksAboutHolidays: (text) => holidayWords.some((w) => text.includes(w)),
  };
}

/** Address, hours, phone and contact person; fields still pending read "请以…公布为准" (as in the 'where' aspect). */
export function officeContactLines(ctx: RenderContext, office: Office): string[] {
  return officeFieldLines(ctx, office, ctx.phrases.render('contact_header', { office: office.name }));
}
