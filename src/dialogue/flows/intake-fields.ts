import { introducedName, standaloneName, type CaseKind } from '../../cases/index.js';
import { extractEntities } from '../../nlu/index.js';
import { extractWhen } from './intake-time.js';
import { hasAny, type CasePhrases } from './phrases.js';

/** What the intake collects. An empty string means the villager said they do not know (or will not say). */
export interface IntakeFields {
  what?: string;
  who?: string;
  village?: string;
  when?: string;
  wants?: string;
  name?: string;
  phone?: string;
  anonymous?: boolean;
  service?: string;
  category?: string;
}

export type DetailField = 'what' | 'who' | 'village' | 'when' | 'wants';

/** The details each kind needs before it can be registered. */
export const REQUIRED: Record<CaseKind, readonly DetailField[]> = {
  complaint: ['what', 'who', 'village', 'when', 'wants'],
  petition: ['what', 'who', 'village', 'when', 'wants'],
  handoff: ['what'],
  disclosure: ['what'],
};

/** A message this short is a trigger ("我要投诉"), not an account of what happened. */
const MIN_ACCOUNT_CHARS = 10;
/** what is left of an answer without its cues must be this long to count as telling what happened */
const MIN_EXTRA_CHARS = 2;
const VILLAGE_RE = /([\u4e00-\u9fa5]{2,3})村/g;
/** after 村 these make it another word (村委, 村里, 村民 …) — unless a village post follows (大王村会计, 石桥村干部) */
const NOT_AFTER_VILLAGE = /^[委里民部干主会支长子庄]/;
const VILLAGE_POSTS = /^(会计|干部|主任|支书|书记|委会|两委|组长|支部)/;
/** "举报村主任", "投诉村干部": a verb before 村 + post is not a village's name */
const NOT_A_VILLAGE_NAME = /^(投诉|举报|反映|控告|告发|揭发|告状|找个|这个|那个|哪个|我们|俺们|咱们|你们|他们)$/;
const NOT_A_VILLAGE = /[俺我咱本这那们个的在是到住了要农去回]/;
const NAME_RE = /(?:我叫|本人叫|姓名[:：\s]*|名字(?:是|叫|[:：]\s*))([\u4e00-\u9fa5]{2,3}?)(?=[\s,，。电手联]|$)/;
/** "我姓刘", "本人姓王": only the surname is given */
const SURNAME_RE = /(?:我|本人|俺)姓([\u4e00-\u9fa5])(?:[\u4e00-\u9fa5]{0,2}?)(?=[\s,，。电手联的]|$)/;
/** villagers often use spaces as punctuation */
const CLAUSE_END = /[。，,；;！!？?\s]/;
const CONTACT_CUE = /(电话|手机|号码|联系方式|身份证号?)[:：是]?\s*$/;

/** a three-character name before 村 does not start with these (上个月清河村: 清河村) */
const NOT_A_NAME_START = /[系喺嘅里上下边面县镇乡来过月天年说个那这我俺咱你他她们的了在是到住要去回和跟与给对向从就都也还把被让找]/;

function village(text: string): string | undefined {
  for (const m of text.matchAll(VILLAGE_RE)) {
    const whole = m[1] ?? '';
    const prefix = whole.length === 3 && NOT_A_NAME_START.test(whole[0] ?? '') ? whole.slice(1) : whole;
    const after = text.slice((m.index ?? 0) + m[0].length);
    if (NOT_AFTER_VILLAGE.test(after) && (!VILLAGE_POSTS.test(after) || NOT_A_VILLAGE_NAME.test(prefix))) continue;
    if (!NOT_A_VILLAGE.test(prefix)) return `${prefix}村`;
  }
  return undefined;
}

function firstCue(text: string, cues: readonly string[]): string | undefined {
  let best: { at: number; cue: string } | undefined;
  for (const cue of cues) {
    const at = text.indexOf(cue);
    if (at >= 0 && (!best || at < best.at || (at === best.at && cue.length > best.cue.length))) best = { at, cue };
  }
  return best?.cue;
}

/** From the wish cue to the end of its clause: "要求退钱". */
function wants(text: string, cues: readonly string[]): string | undefined {
  const cue = firstCue(text, cues);
  if (!cue) return undefined;
  const rest = text.slice(text.indexOf(cue));
  const end = rest.search(CLAUSE_END);
  return (end > 0 ? rest.slice(0, end) : rest).trim();
}

function category(text: string, categories: Record<string, string[]>): string | undefined {
  return Object.entries(categories).find(([, cues]) => hasAny(text, cues))?.[0];
}

/** What one message says about the matter and the sender, as far as simple cues tell. */
export function extractFields(text: string, phrases: CasePhrases): IntakeFields {
  const w = phrases.words;
  const phone = extractEntities(text).phones[0]?.value;
  const out: IntakeFields = {
    who: firstCue(text, w.who),
    village: village(text),
    when: extractWhen(text, w.when, w.whenTail),
    wants: wants(text, w.wants),
    name: NAME_RE.exec(text)?.[1] ?? introducedName(text) ?? SURNAME_RE.exec(text)?.[1],
    phone,
    category: category(text, phrases.categories),
  };
  if (hasAny(text, w.anonymous) || hasAny(text, ['匿名'])) out.anonymous = true;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as IntakeFields;
}

/** Whether what a message says answers the intake's question: a village, a time, a wish or contact details. */
export function answersIntake(found: IntakeFields): boolean {
  return [found.village, found.when, found.wants, found.name, found.phone, found.anonymous].some((v) => v !== undefined);
}

/**
 * Whether the text tells something beyond the cues it carries (a village, a time, a wish, a party, fillers):
 * "大王村的" is only a village, "村主任收红包" is an account.
 */
export function tellsMore(text: string, found: IntakeFields, fillers: readonly string[]): boolean {
  let rest = text;
  for (const cue of [found.village, found.when, found.wants, found.who, ...fillers]) if (cue) rest = rest.split(cue).join('');
  return [...rest.replace(/[\s\p{P}]/gu, '')].length >= MIN_EXTRA_CHARS;
}

/** what is said around contact details and carries nothing else ("叫罗德明", "有结果了打给我", "电话就唔留了") */
const CONTACT_TALK = /(?:先)?(?:记|留)(?:个|下|一下)|(?:我|俺)?(?:姓|叫|名叫)[\u4e00-\u9fa5]{1,3}|电话|手机|号码|联系方式|名字|姓名|打给我|打我|联系我|找我|通知我|有结果了?|有消息了?|就留|不留了?|唔留了?|还有|留个|留名|实名|(?:我|俺)?不怕|怕挨收拾|怕报复|怕打击报复|(?:名字|姓名|身份)?(?:要|得|一定要|千万要)?(?:给我|替我)?保密/gu;

/** The contact a reply gives: a name, a phone, 匿名; `idGiven` when it carries an ID number (never kept: not needed). */
export type GivenContact = Pick<IntakeFields, 'name' | 'phone' | 'anonymous'> & { idGiven?: boolean };

/** The contact in a message and what is left of it beyond the contact, its talk and fillers (characters). */
function contactAndRest(text: string, phrases: CasePhrases, rest: string): { contact?: GivenContact; left: number } {
  const found = extractFields(text, phrases);
  const name = fullName(text, found.name);
  const idGiven = extractEntities(text).idNumbers.length > 0;
  if (!name && !found.phone && !found.anonymous && !idGiven) return { left: [...text].length };
  let left = withoutContact(rest).replace(CONTACT_TALK, '');
  // the name itself ("留名 赵铁柱": found standing on its own) is contact, not more to tell
  if (name) left = left.split(name).join('');
  for (const w of [...phrases.words.filler, ...phrases.words.anonymous, '匿名']) left = left.split(w).join('');
  // "名字不留 电话151…": no name, the phone kept (anonymous with a phone: the name is what goes)
  const contact: GivenContact = found.anonymous
    ? { anonymous: true, ...(found.phone ? { phone: found.phone } : {}) }
    : { ...(name ? { name } : {}), ...(found.phone ? { phone: found.phone } : {}) };
  return { contact: idGiven ? { ...contact, idGiven } : contact, left: [...left.replace(/[\s\p{P}]/gu, '')].length };
}

/**
 * The contact a reply gives when it says nothing else (a name, a phone, 匿名, an ID number; "我姓罗 叫罗德明 电话139…",
 * "还有我电话137… 有结果了打给我"): undefined when the reply carries no contact or tells more than that. `rest` is the
 * part that must hold nothing else (the reply without its opening "要得要得").
 */
export function contactOnly(text: string, phrases: CasePhrases, rest = text): GivenContact | undefined {
  const { contact, left } = contactAndRest(text, phrases, rest);
  return contact && left <= CONTACT_SLACK ? contact : undefined;
}

/**
 * The contact given after the matter was registered ("俺叫王建国 电话158… 身份证号411…", "匿名!! 不想被穿小鞋",
 * "我叫陈立新…我的信息会告诉村里吗"): the contact alone, or with a question about the case or a few words of worry.
 */
export function contactAfterRegistering(text: string, phrases: CasePhrases): GivenContact | undefined {
  const { contact, left } = contactAndRest(text, phrases, text);
  if (!contact) return undefined;
  return left <= CONTACT_WORRY || phrases.intakeQuestion(text) !== undefined ? contact : undefined;
}

/** what a contact given after registering may carry besides (不想被穿小鞋 谢谢) */
const CONTACT_WORRY = 8;

/**
 * A reply that fixes the contact ("电话号码打错了 是13508761243", "名字写错了 李秀英"): the new name and phone,
 * or undefined when the reply is not about the contact. Nothing of it belongs in the story.
 */
export function contactFixOf(text: string, phrases: CasePhrases): Pick<IntakeFields, 'name' | 'phone'> | undefined {
  const w = phrases.words;
  if (!hasAny(text, w.contact) || !hasAny(text, w.corrects)) return undefined;
  const found = extractFields(text, phrases);
  const name = fullName(text, found.name);
  if (!name && !found.phone) return undefined;
  return { ...(name ? { name } : {}), ...(found.phone ? { phone: found.phone } : {}) };
}

/**
 * The whole name a contact reply gives: "叫罗德明" after "我姓罗" (the surname alone was found), or a name standing on
 * its own where the reply speaks of the name ("名字写错了 李秀英"); else what the fields found.
 */
function fullName(text: string, found: string | undefined): string | undefined {
  const called = INTRODUCED_NAME_AFTER_CALL.exec(text)?.[1] ?? (hasAny(text, ['名', '姓']) ? standaloneName(text) : undefined);
  return called && (!found || called.startsWith(found)) ? called : found;
}

/** "叫罗德明" after "我姓罗": the whole name */
const INTRODUCED_NAME_AFTER_CALL = /叫([\u4e00-\u9fa5]{2,3}?)(?=[\s,，。电手联]|$)/u;
/** characters a contact-only reply may carry besides its contact and fillers */
const CONTACT_SLACK = 2;

/** The text without the phone and ID numbers and the self-introduction (they go to the complainant, not the details). */
export function withoutContact(text: string): string {
  const { phones, idNumbers } = extractEntities(text);
  let out = text;
  for (const s of [...phones, ...idNumbers].sort((a, b) => b.start - a.start)) {
    out = (out.slice(0, s.start).replace(CONTACT_CUE, '') + out.slice(s.end));
  }
  return out.replace(NAME_RE, '').replace(SURNAME_RE, '').replace(/\s+/g, ' ').trim();
}

/** Whether the first message already tells what happened (not just "我要投诉"). */
export function isAccount(text: string): boolean {
  return [...text.replace(/\s/g, '')].length >= MIN_ACCOUNT_CHARS;
}

/** Fills only what is still missing. */
export function mergeMissing(fields: IntakeFields, found: IntakeFields): IntakeFields {
  const out: IntakeFields = { ...fields };
  for (const [k, v] of Object.entries(found) as [keyof IntakeFields, never][]) {
    if (out[k] === undefined || out[k] === '') out[k] = v;
  }
  return out;
}

export function missingFields(kind: CaseKind, fields: IntakeFields): DetailField[] {
  return REQUIRED[kind].filter((f) => fields[f] === undefined);
}
