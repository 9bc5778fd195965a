import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { normalize } from '../nlu/index.js';
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
  specificCues: words.default([]), askStaffCues: words.default([]), actorCues: words.default([]),
  conductService: z.string().min(1).optional(),
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
  /** Words naming a person, not a matter (村干部, 会计): they never move a follow-up to another service by themselves. */
  actors: ReadonlySet<string>;
  /** the service whose FAQ entries hold the township's rules on how staff must act (首问负责、否定报备 …, 003 机关效能) */
  conductService?: string;
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
  return { stopwords: new Set(parsed.data.stopwords), synonyms, standard, isQuestion, asksSpecific: has(specificCues), asksStaff: has(askStaffCues), actors: new Set(parsed.data.actorCues), conductService: parsed.data.conductService };
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

/** A template's facts and the text each is matched in (its match strings and answer), made once per template and context. */
export interface Prepared { facts: Fact[]; texts: string[] }
const preparedMemo = new WeakMap<ServiceTemplate, WeakMap<RenderContext, Prepared>>();

export function prepared(t: ServiceTemplate, ctx: RenderContext): Prepared {
  let byCtx = preparedMemo.get(t);
  if (!byCtx) preparedMemo.set(t, (byCtx = new WeakMap()));
  let p = byCtx.get(ctx);
  if (!p) {
    const facts = buildFacts(t, ctx);
    p = { facts, texts: facts.map((f) => [...f.match, f.answer].join(' ')) };
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
