import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { normalize, tokenize } from '../nlu/index.js';
import { ColloquialRewriter, colloquialFileSchema } from '../nlu/colloquial.js';
import { resolveText, type RenderContext } from './answer-phrases.js';
import { readYaml, TemplateDataError } from './service-template.loader.js';
import { isPending, type ServiceTemplate } from './service-template.schema.js';

/**
 * Answers to the question actually asked (issue 11): the sentence of a service's own rules — its FAQ entries
 * (question variants and an answer, data in templates/services/*.yml) and the template's sentences (conditions,
 * steps, time limits, standards, approver, fee) — that best matches the question's jieba words, synonyms
 * counted (templates/retrieval.yml). No match means the rules on file do not cover it: the caller says so.
 */

const words = z.array(z.union([z.string(), z.number()]).transform(String));
const schema = z.strictObject({
  stopwords: words, synonyms: z.array(words.min(2)),
  rewrites: z.record(z.string().min(1), z.string()).default({}),
  questionCues: words.default([]), questionEndings: words.default([]),
  specificCues: words.default([]), askStaffCues: words.default([]),
});

export interface RetrievalWords {
  stopwords: ReadonlySet<string>;
  /** word → every word of its synonym groups (itself included) */
  synonyms: ReadonlyMap<string, readonly string[]>;
  /**
   * The question in standard words: the NLU's colloquial table (intents/colloquial.yml, 咋个 → 怎么) and then the
   * retrieval's own rewrites (好久 → 多久, 几耐 → 多久, 边个 → 谁), so aspects and facts are found in dialect wording.
   */
  standard(text: string): string;
  /** A question frame (吗/呢 at the end, 多久, 怎么, 按规定 …) in the standard text: a question, not an answer. */
  isQuestion(text: string): boolean;
  /** A frame that asks something specific (几张, 可以不, 哪里, 多久 …), not "还缺什么": answered before a list of materials. */
  asksSpecific(text: string): boolean;
  /** The villager asks us to find out for them ("你帮我问一下嘛"): a person is asked at once when the rules do not answer. */
  asksStaff(text: string): boolean;
}

/** The NLU's rewrite table, read from the intents folder next to the templates folder (absent: no rewrites). */
function nluRewriter(templatesDir: string): ColloquialRewriter {
  const file = path.join(path.dirname(path.resolve(templatesDir)), 'intents', 'colloquial.yml');
  if (!existsSync(file)) return new ColloquialRewriter([]);
  const data = colloquialFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  return new ColloquialRewriter(data.success ? data.data.rewrites : []);
}

const loaded = new Map<string, RetrievalWords>();

/** The retrieval words of a templates folder, read once per process (the answers feature and the router share them). */
export function loadRetrievalWords(dir = 'templates'): RetrievalWords {
  const key = path.resolve(dir);
  const known = loaded.get(key);
  if (known) return known;
  const words = readRetrievalWords(dir);
  loaded.set(key, words);
  return words;
}

function readRetrievalWords(dir: string): RetrievalWords {
  const problems: string[] = [];
  const file = path.join(dir, 'retrieval.yml');
  const parsed = schema.safeParse(readYaml(file, problems));
  if (!parsed.success) throw new TemplateDataError([...problems, `${file}: ${parsed.error?.message ?? 'unreadable'}`]);
  const synonyms = new Map<string, string[]>();
  for (const group of parsed.data.synonyms) {
    for (const w of group) synonyms.set(w, [...new Set([...(synonyms.get(w) ?? [w]), ...group])]);
  }
  const nlu = nluRewriter(dir);
  const own = new ColloquialRewriter(Object.entries(parsed.data.rewrites).map(([from, to]) => ({ from, to, onlyBefore: [], except: [] })));
  const standard = (text: string): string => own.rewrite(nlu.rewrite(normalize(text)).text).text;
  const { questionCues, questionEndings, specificCues, askStaffCues } = parsed.data;
  const isQuestion = (text: string): boolean => {
    const s = standard(text).replace(/[\s。.!！~～…]+$/u, '');
    return questionCues.some((c) => s.includes(c)) || questionEndings.some((e) => s.endsWith(e));
  };
  const has = (cues: readonly string[]) => (text: string): boolean => {
    const s = standard(text).replace(/\s+/g, '');
    return cues.some((c) => s.includes(c));
  };
  return { stopwords: new Set(parsed.data.stopwords), synonyms, standard, isQuestion, asksSpecific: has(specificCues), asksStaff: has(askStaffCues) };
}

export interface Fact {
  /** what the villager reads */
  answer: string;
  /** the text the question is matched against (an FAQ's question variants, or the sentence itself) */
  match: string[];
  faq: boolean;
  /**
   * an FAQ entry whose answer uses a placeholder the admins have not filled in yet ("张榜公布几天"): the rules on file
   * do not give it, so the answer is said with a person offered
   */
  pending?: boolean;
}

/** Whether `text` uses a `{key}` placeholder of the template that is still pending. */
export function usesPending(t: ServiceTemplate, text: string): boolean {
  return [...text.matchAll(/\{(\w+)\}/g)].some((m) => {
    const p = t.placeholders[m[1] ?? ''];
    return p !== undefined && isPending(p.value);
  });
}

/** Every sentence of the template a question may be answered with, FAQ entries first. */
export function factsOf(t: ServiceTemplate, ctx: RenderContext): Fact[] {
  return prepared(t, ctx).facts;
}

interface Prepared { facts: Fact[]; texts: string[]; variantWords: WeakMap<RetrievalWords, Map<string, string[]>> }
/** a template's facts, the text each is matched in and its FAQ variants' words, made once per template and context */
const preparedMemo = new WeakMap<ServiceTemplate, WeakMap<RenderContext, Prepared>>();

function prepared(t: ServiceTemplate, ctx: RenderContext): Prepared {
  let byCtx = preparedMemo.get(t);
  if (!byCtx) preparedMemo.set(t, (byCtx = new WeakMap()));
  let p = byCtx.get(ctx);
  if (!p) {
    const facts = buildFacts(t, ctx);
    p = { facts, texts: facts.map((f) => [...f.match, f.answer].join(' ')), variantWords: new WeakMap() };
    byCtx.set(ctx, p);
  }
  return p;
}

function buildFacts(t: ServiceTemplate, ctx: RenderContext): Fact[] {
  const r = (s: string) => resolveText(t, s);
  const sentence = (s: string): Fact => ({ answer: s, match: [s], faq: false });
  const office = (id: string) => ctx.offices.get(id)?.name ?? '';
  return [
    ...(t.faq ?? []).map((f) => ({ answer: r(f.answer), match: f.questions.map(r), faq: true, ...(usesPending(t, f.answer) ? { pending: true } : {}) })),
    ...t.eligibility.map((e) => sentence(r(e))),
    ...t.procedure.map((s) => sentence(`${r(s.step)}（${office(s.office)}）`)),
    ...t.timeLimits.map((l) => sentence(`${r(l.what)}：${r(l.limit)}`)),
    ...t.standards.map((s) => sentence(r(s))),
    ...(t.approver ? [sentence(r(t.approver))] : []),
  ];
}

/** The content words of a question: jieba tokens without stopwords and without the service's own names. */
export function questionWords(question: string, t: ServiceTemplate, lex: RetrievalWords): string[] {
  const names = [t.name, ...t.aliases];
  const tokens = tokenize(normalize(question)).filter((w) => !lex.stopwords.has(w) && !names.some((n) => n.includes(w) && w.length > 1));
  return [...new Set(tokens)].filter((w) => !/^[\p{P}\s\d]+$/u.test(w));
}

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

/** per retrieval table, a word's variants (the synonym scan is the costly part of matching a question) */
const variantMemo = new WeakMap<RetrievalWords, Map<string, readonly string[]>>();
/** villagers' words are open-ended: the memo stops growing here */
const MEMO_LIMIT = 50_000;

function found(word: string, text: string, lex: RetrievalWords): boolean {
  return variants(word, lex).some((v) => text.includes(v));
}

/** Share of the question's words found in the text (synonyms count). */
function coverage(qWords: readonly string[], text: string, lex: RetrievalWords): number {
  if (qWords.length === 0) return 0;
  return qWords.filter((w) => found(w, text, lex)).length / qWords.length;
}

/** how much of the question a fact must cover to be the answer */
export const MIN_COVERAGE = 0.6;

/** a word found in more facts of the service than this is generic there (多久, 村里): it counts a third */
const DISTINCT_DF = 2;
const GENERIC_WEIGHT = 0.34;

/**
 * How well a fact answers the question: the share of the question's words it covers; for an FAQ entry also the
 * weighted share of one question variant's own words the question covers (a long question in the villager's words —
 * "今年儿子出去打工挣钱了 会不会给俺停了" — still finds "低保会不会停发"). A variant counts only when the question
 * has at least one of its distinctive words (found in at most two of the service's facts), so generic words such as
 * 多久 or 批 alone never pick an entry.
 */
function scoreOf(fact: Fact, qWords: readonly string[], question: string, words: (m: string) => string[], lex: RetrievalWords, df: (w: string) => number): number {
  const forward = Math.max(...fact.match.map((m) => coverage(qWords, m, lex)));
  if (!fact.faq) return forward;
  const reverse = Math.max(...fact.match.map((m) => {
    let total = 0;
    let hit = 0;
    let distinct = false;
    for (const w of words(m)) {
      const weight = df(w) <= DISTINCT_DF ? 1 : GENERIC_WEIGHT;
      total += weight;
      if (!found(w, question, lex)) continue;
      hit += weight;
      distinct ||= weight === 1;
    }
    return distinct && total > 0 ? hit / total : 0;
  }));
  return Math.max(forward, reverse) + 0.05 + 0.01 * Math.min(forward, reverse) + (reverse >= 1 && forward >= MIN_COVERAGE ? WHOLE_VARIANT : 0);
}

/**
 * added to the score of an FAQ entry one of whose question variants the question contains whole, when the entry also
 * covers most of the question ("那我不服可以咋办" → "不服怎么办")
 */
export const WHOLE_VARIANT = 2;

/** the score of a fact that holds every content word of the question (or an FAQ variant's every word is in it) */
export const FULL_MATCH = 1;

export interface ScoredFact { fact: Fact; score: number }

/** The best-matching fact with its score, or undefined when none covers enough of the question. */
export function bestScoredFact(question: string, t: ServiceTemplate, ctx: RenderContext, lex: RetrievalWords): ScoredFact | undefined {
  const qWords = questionWords(question, t, lex);
  // one short word ("钱") is too little to pick a sentence by
  if (qWords.length === 0 || (qWords.length === 1 && [...(qWords[0] ?? '')].length < 2)) return undefined;
  const { facts, texts, variantWords } = prepared(t, ctx);
  let ofLex = variantWords.get(lex);
  if (!ofLex) variantWords.set(lex, (ofLex = new Map()));
  const memo = ofLex;
  const words = (m: string): string[] => {
    let w = memo.get(m);
    if (!w) memo.set(m, (w = questionWords(m, t, lex)));
    return w;
  };
  const seen = new Map<string, number>();
  const df = (w: string): number => {
    let n = seen.get(w);
    if (n === undefined) seen.set(w, (n = texts.filter((x) => found(w, x, lex)).length));
    return n;
  };
  let best: ScoredFact | undefined;
  for (const fact of facts) {
    const score = scoreOf(fact, qWords, question, words, lex, df);
    if (!best || score > best.score) best = { fact, score };
  }
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
