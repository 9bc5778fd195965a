import { normalize, tokenize } from '../nlu/index.js';
import type { RenderContext } from './answer-phrases.js';
import { prepared, type Fact, type Prepared, type RetrievalWords } from './facts.js';
import type { ServiceTemplate } from './service-template.schema.js';

/**
 * Which of a service's facts answers a question (issue 11): the share of the question's words a fact covers, synonyms
 * counted, and for an FAQ entry also how much of one of its question variants the question covers. The words' hits in a
 * template's facts are worked out once per word and kept (a policy turn matched every word against every fact anew).
 */

/** The content words of a question: jieba tokens without stopwords and without the service's own names. */
export function questionWords(question: string, t: ServiceTemplate, lex: RetrievalWords): string[] {
  const text = normalize(question);
  // a name said in the question leaves no piece of itself as a word either ("依申请公开" → 依 | 申请公开)
  const said = [t.name, ...t.aliases].filter((n) => text.includes(n));
  const names = [t.name, ...t.aliases];
  const ofName = (w: string) => names.some((n) => n.includes(w) && w.length > 1) || said.some((n) => n.includes(w));
  const tokens = joinKnown(tokenize(text), lex).filter((w) => !lex.stopwords.has(w) && !ofName(w));
  return [...new Set(tokens)].filter((w) => !/^[\p{P}\s\d]+$/u.test(w));
}

/** the most tokens joined back into one word of the retrieval table */
const JOIN_MAX = 3;

/**
 * Tokens joined back into a word the retrieval table knows (a synonym or a stopword) where jieba split it:
 * 每个|月 → 每个月, 要|不要 → 要不要, 弄|不|完 → 弄不完. The longest known join wins.
 */
function joinKnown(tokens: readonly string[], lex: RetrievalWords): string[] {
  const known = (w: string) => lex.synonyms.has(w) || lex.stopwords.has(w);
  const out: string[] = [];
  for (let i = 0; i < tokens.length;) {
    let take = 1;
    for (let n = Math.min(JOIN_MAX, tokens.length - i); n >= 2; n--) {
      if (known(tokens.slice(i, i + n).join(''))) {
        take = n;
        break;
      }
    }
    out.push(tokens.slice(i, i + take).join(''));
    i += take;
  }
  return out;
}

/** per retrieval table, a word's variants (the synonym scan is the costly part of matching a question) */
const variantMemo = new WeakMap<RetrievalWords, Map<string, readonly string[]>>();
/** villagers' words are open-ended: the memos stop growing here */
const MEMO_LIMIT = 50_000;
const HITS_LIMIT = 4_000;

/** The word and its synonyms; a longer word also brings the synonyms of the words inside it (出车祸 → 车祸 → 事故). */
function variants(word: string, lex: RetrievalWords): readonly string[] {
  let memo = variantMemo.get(lex);
  if (!memo) variantMemo.set(lex, (memo = new Map()));
  const known = memo.get(word);
  if (known) return known;
  const own = lex.synonyms.get(word);
  const out = own ? [...own] : [word];
  if (!own && [...word].length >= 3) for (const [key, group] of lex.synonyms) if (key.length >= 2 && word.includes(key)) out.push(...group);
  if (memo.size < MEMO_LIMIT) memo.set(word, out);
  return out;
}

function found(word: string, text: string, lex: RetrievalWords): boolean {
  return variants(word, lex).some((v) => text.includes(v));
}

/** Where a word (or a synonym) occurs in one template's facts: per match string, and in how many facts' texts (df). */
interface WordHits { inMatch: Uint8Array; df: number }

/** One template's match strings in a row (fact k owns `matches[first[k]]` to `matches[first[k + 1] - 1]`) and its words' hits. */
interface MatchIndex { matches: string[]; first: number[]; hits: Map<string, WordHits>; variantWords: Map<string, string[]> }
const indexMemo = new WeakMap<Prepared, WeakMap<RetrievalWords, MatchIndex>>();

function matchIndex(p: Prepared, lex: RetrievalWords): MatchIndex {
  let byLex = indexMemo.get(p);
  if (!byLex) indexMemo.set(p, (byLex = new WeakMap()));
  let index = byLex.get(lex);
  if (!index) {
    const first: number[] = [];
    const matches: string[] = [];
    for (const f of p.facts) {
      first.push(matches.length);
      matches.push(...f.match);
    }
    first.push(matches.length);
    byLex.set(lex, (index = { matches, first, hits: new Map(), variantWords: new Map() }));
  }
  return index;
}

function hitsOf(word: string, p: Prepared, index: MatchIndex, lex: RetrievalWords): WordHits {
  const known = index.hits.get(word);
  if (known) return known;
  const vs = variants(word, lex);
  const has = (text: string) => vs.some((v) => text.includes(v));
  const hits = { inMatch: Uint8Array.from(index.matches, (m) => (has(m) ? 1 : 0)), df: p.texts.filter(has).length };
  if (index.hits.size < HITS_LIMIT) index.hits.set(word, hits);
  return hits;
}

/** how much of the question a fact must cover to be the answer */
export const MIN_COVERAGE = 0.6;

/** a word found in more facts of the service than this is generic there (多久, 村里): it counts a third */
const DISTINCT_DF = 2;
const GENERIC_WEIGHT = 0.34;

/**
 * added to the score of an FAQ entry one of whose question variants the question contains whole, when the entry also
 * covers most of the question ("那我不服可以咋办" → "不服怎么办")
 */
export const WHOLE_VARIANT = 2;

/** the score of a fact that holds every content word of the question (or an FAQ variant's every word is in it) */
export const FULL_MATCH = 1;

export interface ScoredFact { fact: Fact; score: number }

/** What scoring one question needs: its words' hits, and a memo of which words the question itself holds. */
interface Asked { question: string; qHits: WordHits[]; inQuestion: Map<string, boolean> }

/** The best share of the question's words that one of the fact's match strings holds. */
function forwardOf(k: number, index: MatchIndex, asked: Asked): number {
  let best = 0;
  for (let j = index.first[k] ?? 0; j < (index.first[k + 1] ?? 0); j++) {
    let hit = 0;
    for (const h of asked.qHits) hit += h.inMatch[j] ?? 0;
    best = Math.max(best, hit / asked.qHits.length);
  }
  return best;
}

/**
 * How well fact k answers the question: the share of the question's words it covers; for an FAQ entry also the
 * weighted share of one question variant's own words the question covers (a long question in the villager's words —
 * "今年儿子出去打工挣钱了 会不会给俺停了" — still finds "低保会不会停发"). A variant counts only when the question
 * has at least one of its distinctive words (found in at most two of the service's facts), so generic words such as
 * 多久 or 批 alone never pick an entry.
 */
function scoreOf(k: number, t: ServiceTemplate, p: Prepared, index: MatchIndex, asked: Asked, lex: RetrievalWords): number {
  const fact = p.facts[k] as Fact;
  const forward = forwardOf(k, index, asked);
  if (!fact.faq) return forward;
  const inQuestion = (w: string): boolean => {
    let v = asked.inQuestion.get(w);
    if (v === undefined) asked.inQuestion.set(w, (v = found(w, asked.question, lex)));
    return v;
  };
  const reverse = Math.max(...fact.match.map((m) => {
    let words = index.variantWords.get(m);
    if (!words) index.variantWords.set(m, (words = questionWords(m, t, lex)));
    let total = 0;
    let hit = 0;
    let distinct = false;
    for (const w of words) {
      const weight = hitsOf(w, p, index, lex).df <= DISTINCT_DF ? 1 : GENERIC_WEIGHT;
      total += weight;
      if (!inQuestion(w)) continue;
      hit += weight;
      distinct ||= weight === 1;
    }
    return distinct && total > 0 ? hit / total : 0;
  }));
  return Math.max(forward, reverse) + 0.05 + 0.01 * Math.min(forward, reverse) + (reverse >= 1 && forward >= MIN_COVERAGE ? WHOLE_VARIANT : 0);
}

/** The best-matching fact with its score, or undefined when none covers enough of the question. */
export function bestScoredFact(question: string, t: ServiceTemplate, ctx: RenderContext, lex: RetrievalWords): ScoredFact | undefined {
  const qWords = questionWords(question, t, lex);
  // one short word ("钱") is too little to pick a sentence by
  if (qWords.length === 0 || (qWords.length === 1 && [...(qWords[0] ?? '')].length < 2)) return undefined;
  const p = prepared(t, ctx);
  const index = matchIndex(p, lex);
  const asked: Asked = { question, qHits: qWords.map((w) => hitsOf(w, p, index, lex)), inQuestion: new Map() };
  let best: ScoredFact | undefined;
  p.facts.forEach((fact, k) => {
    const score = scoreOf(k, t, p, index, asked, lex);
    if (!best || score > best.score) best = { fact, score };
  });
  return best && best.score >= MIN_COVERAGE ? best : undefined;
}
/** The best-matching fact, or undefined when none covers enough of the question. */
export function bestFact(question: string, t: ServiceTemplate, ctx: RenderContext, lex: RetrievalWords): Fact | undefined {
  return bestScoredFact(question, t, ctx, lex)?.fact;
}

/** Whether the text is only the service's name (with fillers): a bare topic, answered with the overview. */
export function isBareTopic(question: string, t: ServiceTemplate, lex: RetrievalWords): boolean {
  return questionWords(question, t, lex).length === 0;
}

/**
 * No service named or talked of: the FAQ entry one of whose question variants the question says whole, when exactly
 * one service has such an entry ("约谈改了一次还能再改吗" is the 约谈 rule of 信访); entries waiting on a figure not on file
 * do not count. Undefined otherwise (the caller asks which service).
 */
export function faqAcrossServices(question: string, templates: Iterable<ServiceTemplate>, ctx: RenderContext, lex: RetrievalWords): { t: ServiceTemplate; fact: Fact } | undefined {
  const hits: { t: ServiceTemplate; fact: Fact }[] = [];
  for (const t of templates) {
    const scored = bestScoredFact(question, t, ctx, lex);
    if (scored?.fact.faq && !scored.fact.pending && scored.score >= WHOLE_VARIANT) hits.push({ t, fact: scored.fact });
  }
  return hits.length === 1 ? hits[0] : undefined;
}
