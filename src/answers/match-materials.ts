import type { Material, ServiceTemplate } from './service-template.schema.js';

/**
 * Which checklist materials a villager says they have: "我只有身份证和户口本", "身份证有了 照片还没拍",
 * "没有身份证和户口本". Matching cues, not sentences anyone reads, so the word lists live here.
 */
export interface MaterialMatch {
  /** material ids the villager has */
  have: string[];
  /** material ids the villager said they do not have (yet) */
  lacking: string[];
  /** things that look like documents but are not on this checklist ("结婚证") */
  unknown: string[];
}

const CLAUSE_BREAK = /[，,。.;；!！?？\n\s]+|但是|但|可是|不过|就是|只是/;
const NEGATION = /没有|还没|没|缺少|缺|差|未|不在|丢了|找不到/g;
const CONJUNCTION = /^(和|跟|与|及|以及|还有|、|也有|加上|\/|\+)*$/;
const ALL_READY = /都有了|都齐了|齐了|全有了|齐全|都带了|都准备好了/;
const FILLER = /^(我|俺|家里|现在|已经|只|就|都|也|还|有了|有|带了|带|拿了|办了|的|了|和|跟|与|及|那个|这个|一个|一张|张)+/;
const DOC_SUFFIX = /(证|本|簿|书|单|表|照片|照|证明|复印件|发票|卡|票据|病历|材料)$/;

interface Mention { id: string; start: number; end: number }

/** Material words, longest first so "户口本复印件" wins over "户口本". */
function vocabulary(t: ServiceTemplate): [string, string][] {
  const words: [string, string][] = [];
  const add = (word: string, m: Material) => { if (word.length >= 2) words.push([word, m.id]); };
  for (const m of t.materials) {
    add(m.name.replace(/[（(].*?[)）]/g, '').replace(/[《》“”]/g, ''), m);
    for (const a of m.aliases) add(a, m);
  }
  return words.sort((a, b) => b[0].length - a[0].length);
}

function findMentions(clause: string, words: [string, string][]): Mention[] {
  const taken = new Array<boolean>(clause.length).fill(false);
  const found: Mention[] = [];
  for (const [word, id] of words) {
    for (let at = clause.indexOf(word); at >= 0; at = clause.indexOf(word, at + word.length)) {
      const end = at + word.length;
      if (taken.slice(at, end).some(Boolean)) continue;
      taken.fill(true, at, end);
      found.push({ id, start: at, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Polarity per mention: a negation right before an item ("没有户口本") negates it, one after ("照片还没拍")
 *  negates the item before it; items joined only by 和/、 ("身份证和户口本都没有") share one polarity. */
function negatedFlags(clause: string, mentions: Mention[]): boolean[] {
  const negated = mentions.map(() => false);
  for (const hit of clause.matchAll(NEGATION)) {
    const at = hit.index;
    const next = mentions.findIndex((m) => m.start >= at);
    const prev = next === -1 ? mentions.length - 1 : next - 1;
    const forward = next !== -1 && mentions[next]!.start - (at + hit[0].length) <= 3;
    const target = forward ? next : prev;
    if (target >= 0) negated[target] = true;
  }
  for (let pass = 0; pass < 2; pass += 1) {
    for (let i = 1; i < mentions.length; i += 1) {
      const gap = clause.slice(mentions[i - 1]!.end, mentions[i]!.start);
      if (!CONJUNCTION.test(gap)) continue;
      const either = negated[i - 1]! || negated[i]!;
      negated[i - 1] = either;
      negated[i] = either;
    }
  }
  return negated;
}

/** Leftover words in a clause that name a document this checklist does not have. */
function unknownDocs(clause: string, mentions: Mention[]): string[] {
  let masked = clause;
  for (const m of [...mentions].reverse()) masked = `${masked.slice(0, m.start)}|${masked.slice(m.end)}`;
  return masked.replace(NEGATION, '|').split(/[|和跟与及、]/)
    .map((chunk) => chunk.replace(FILLER, '').trim())
    .filter((chunk) => chunk.length >= 2 && chunk.length <= 12 && DOC_SUFFIX.test(chunk));
}

export function matchMaterials(t: ServiceTemplate, text: string): MaterialMatch {
  const words = vocabulary(t);
  const have = new Set<string>();
  const lacking = new Set<string>();
  const unknown: string[] = [];
  let anyMention = false;
  for (const clause of text.split(CLAUSE_BREAK).filter(Boolean)) {
    const mentions = findMentions(clause, words);
    anyMention ||= mentions.length > 0;
    const negated = negatedFlags(clause, mentions);
    mentions.forEach((m, i) => (negated[i] ? lacking : have).add(m.id));
    unknown.push(...unknownDocs(clause, mentions));
  }
  if (!anyMention && ALL_READY.test(text) && !new RegExp(NEGATION.source).test(text)) {
    for (const m of t.materials) have.add(m.id);
  }
  for (const id of lacking) have.delete(id);
  const order = t.materials.map((m) => m.id);
  const sorted = (ids: Set<string>) => order.filter((id) => ids.has(id));
  return { have: sorted(have), lacking: sorted(lacking), unknown: [...new Set(unknown)] };
}
