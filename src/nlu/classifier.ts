import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyse, buildParts, type Parts, type PartsOptions } from './analysis.js';
import { loadIntentData, type IntentData } from './data.js';
import { decide, DEFAULT_DECISION, type DecisionSettings } from './decision.js';
import { TRIMMED_DICT } from './jieba-dict.js';
import { fitTemperature, train, type LinearModel, type Sample } from './model.js';
import { readModel, writeModel, modelKey } from './model-cache.js';
import { Neighbours } from './neighbours.js';
import { addUserWords } from './tokenizer.js';
import { labelledTexts, split, withContextCopies, type LabelledText } from './training.js';
import { SERVICE_IDS, type Classification, type Nlu, type NluContext, type ServiceId } from './types.js';

export { CLARIFY_BELOW, CLARIFY_MARGIN } from './decision.js';
/** The only intent id code knows: what an unclear or unrelated message falls back to. */
export const FALLBACK = 'out_of_scope';

/** The two opinions trained on a set of examples, and those examples' texts (to name the nearest). */
export interface Trained { model: LinearModel; neighbours: Neighbours; texts: string[] }

/**
 * Confidence cap for an intent whose meaning needs a pending state that is absent (满意 with no question
 * asked): the reading stays first, but the capped confidence makes the bot ask instead of filing it.
 */
function contextCap(parts: Parts, intentId: string, hits: string[], context: NluContext): number | undefined {
  const c = parts.intents.find((i) => i.id === intentId)?.context;
  if (!c?.capWithout || context.pending === c.pending || hits.includes(intentId)) return undefined;
  return c.capWithout;
}

/** Both opinions on one message, before any decision (cross-validation sweeps the decision over these). */
export function opinions(parts: Parts, trained: Trained, text: string, context: NluContext = {}) {
  const a = analyse(parts, text, context.pending);
  const linear = trained.model.probabilities(a.features);
  const nearest = trained.neighbours.opinion(a.features);
  return { a, linear, nearest };
}

export function classifyWith(parts: Parts, trained: Trained, text: string, context: NluContext = {}, settings: DecisionSettings = DEFAULT_DECISION): Classification {
  const a = analyse(parts, text, context.pending);
  const linear = trained.model.probabilities(a.features);
  // the second opinion is asked per message only when the decision weighs it; otherwise only for `why`
  const weighs = settings.neighbourWeight > 0 || settings.disagreeFactor < 1;
  let nearest = weighs ? trained.neighbours.opinion(a.features) : undefined;
  const ids = parts.intents.map((i) => i.id);
  const d = decide(linear, nearest?.p ?? linear, settings);
  const top = ids.map((intent, k) => ({ intent, score: d.p[k] ?? 0 })).sort((x, y) => y.score - x.score);
  const first = top[0] ?? { intent: FALLBACK, score: 0 };
  const why: string[] = [...a.notes];
  if (d.disagree) why.push(`second opinion disagrees: nearest examples say ${ids[d.nearestTop] ?? '-'}, the model ${ids[d.linearTop] ?? '-'}; confidence ×${settings.disagreeFactor}`);
  const cap = contextCap(parts, first.intent, a.keywordHits, context);
  const confidence = cap === undefined ? d.confidence : Math.min(d.confidence, cap);
  if (cap !== undefined && d.confidence > cap) why.push(`${first.intent} confidence capped at ${cap}: no ${context.pending ?? 'matching'} question pending`);
  const second = top[1]?.score ?? 0;
  const shouldClarify = confidence < settings.clarifyBelow || confidence - second < settings.clarifyMargin;
  const k = ids.indexOf(first.intent);
  why.push(...a.service.why);
  let service = a.service.service;
  let serviceFromContext = false;
  const carries = context.pending !== undefined || parts.intents[k]?.carriesService !== false;
  if (!service && context.lastService && carries) {
    service = context.lastService; // a follow-up (那要多久呢) is about the service last talked of
    serviceFromContext = true;
    why.push(`service ${service} carried over from the conversation`);
  }
  if (shouldClarify) why.push(`clarify: ${first.intent} ${confidence.toFixed(2)} vs ${top[1]?.intent ?? '-'} ${second.toFixed(2)}`);
  let explained: string[] | undefined;
  const result = {
    intent: first.intent, confidence, top, shouldClarify, tokens: a.tokens,
    entities: a.entities, normalized: a.normalized, ...(service ? { service } : {}), ...(serviceFromContext ? { serviceFromContext } : {}),
  };
  // the strongest features and nearest examples are looked up only when someone reads `why`, not per message; not
  // enumerable, so a copy of the result ({ ...c, service }) does not compute it (that built the nearest-example index)
  Object.defineProperty(result, 'why', {
    enumerable: false,
    get(): string[] {
      nearest ??= trained.neighbours.opinion(a.features);
      const near = nearest.nearest.slice(0, 2).map((n) => `nearest example "${trained.texts[n.index] ?? ''}" (${ids[n.label] ?? '-'}, ${n.similarity.toFixed(2)})`);
      explained ??= [...trained.model.explain(a.features, k, 4), ...near, ...why];
      return explained;
    },
  });
  return result as Classification;
}

/** Passes of the probe model trained on four fifths to fit the temperature on the last fifth. */
const PROBE_EPOCHS = 2;

function trainModel(classes: number, samples: Sample[]): LinearModel {
  const { fit, calibrate } = split(samples);
  // the probe only sets the temperature: fewer passes find the same one (checked by cross-validation)
  const probe = train(fit, classes, { epochs: PROBE_EPOCHS });
  const model = train(samples, classes);
  model.temperature = fitTemperature(probe, calibrate);
  return model;
}

/** Trains both opinions on `texts` (all of intents/ at start-up; k-1 folds in cross-validation, sharing `cache`). */
export function trainOn(parts: Parts, texts: LabelledText[], cache?: Map<string, string[]>, model?: LinearModel): Trained {
  const all = withContextCopies(texts);
  const featuresOf = (t: LabelledText): string[] => {
    const key = `${t.pending ?? ''}|${t.text}`;
    const known = cache?.get(key);
    if (known) return known;
    const f = analyse(parts, t.text, t.pending).features;
    cache?.set(key, f);
    return f;
  };
  let samples: Sample[] | undefined;
  // a model read from the start-up cache needs the examples' features only for the second opinion, when first asked
  const samplesOf = (): Sample[] => (samples ??= all.map((t) => ({ label: t.label, features: featuresOf(t) })));
  let neighbours: Neighbours | undefined;
  const trainedModel = model ?? trainModel(parts.intents.length, samplesOf());
  // the features are made again if the second opinion is ever asked: kept, they are ~25 MB of an idle bot
  if (!cache) samples = undefined;
  return {
    model: trainedModel,
    // the second opinion is built when first asked (`why`, or a decision that weighs it): not at start-up
    get neighbours(): Neighbours {
      neighbours ??= new Neighbours(samplesOf(), parts.intents.length);
      return neighbours;
    },
    texts: all.map((t) => t.text),
  };
}

/** Runs every code path (entities, full-width, traditional, context) so the first villager waits no longer than the rest. */
function warmUp(parts: Parts, trained: Trained, examples: string[]): void {
  const probes = ['Ｔ２０２６０１０１－０００１ 进度', '电话１３８００００１２３４ 身份证11010519491231002X', '我想申請 要準備什麼？？', '屋头老汉儿心访咋个整'];
  for (let round = 0; round < 3; round++) {
    for (const text of [...probes, ...examples]) classifyWith(parts, trained, text, round === 1 ? { pending: 'checklist' } : {});
  }
}

/** Readers and jieba's user dictionary for `data` (shared by start-up and cross-validation). */
export function prepare(data: IntentData, options: PartsOptions & { intentsDir?: string } = {}): Parts {
  const parts = buildParts(data, options);
  const trimmed = options.intentsDir ? path.join(options.intentsDir, TRIMMED_DICT) : undefined;
  const dict = options.jiebaDict ?? (trimmed && existsSync(trimmed) ? trimmed : undefined);
  addUserWords([...data.dictionary, ...parts.matcher.words()].map((w) => parts.rewriter.canonical(w)), dict);
  return parts;
}

/** Where trained models are kept between starts: NLU_CACHE_DIR, else .cache/nlu in the working directory. */
function defaultCacheDir(): string {
  return process.env.NLU_CACHE_DIR ?? path.resolve('.cache', 'nlu');
}

/**
 * Loads intents/, trains the classifier (synchronously, well under 3 s) and returns the NLU. The trained model is
 * kept in `cacheDir` (false: not kept) under a hash of intents/, the classifier's source and the options, so the next
 * start with the same data reads it instead of training (model-cache.ts).
 */
export function loadNlu(intentsDir = 'intents', options: PartsOptions & { cacheDir?: string | false } = {}): Nlu {
  const { cacheDir = defaultCacheDir(), ...partsOptions } = options;
  const data = loadIntentData(intentsDir);
  const parts = prepare(data, { ...partsOptions, intentsDir });
  const key = cacheDir === false ? undefined : modelKey(intentsDir, partsOptions);
  const cached = key && cacheDir ? readModel(cacheDir, key) : undefined;
  const trained = trainOn(parts, labelledTexts(data, FALLBACK), undefined, cached);
  if (key && cacheDir && !cached) writeModel(cacheDir, key, trained.model);
  warmUp(parts, trained, data.intents.flatMap((i) => i.examples.slice(0, 5)));
  return {
    classify: (text, context) => classifyWith(parts, trained, text, context),
    intents: data.intents.map((i) => i.id),
    services: SERVICE_IDS.filter((s) => data.services.some((d) => d.id === s)) as ServiceId[],
  };
}
