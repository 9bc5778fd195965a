import { loadIntentData, type IntentDef } from './data.js';
import { extractEntities } from './entities.js';
import { featuresOf } from './features.js';
import { KeywordIndex } from './keywords.js';
import { fitTemperature, train, type LinearModel, type Sample } from './model.js';
import { normalize } from './normalize.js';
import { ServiceMatcher } from './services.js';
import { tokenize, addUserWords } from './tokenizer.js';
import { labelledTexts, split, withContextCopies } from './training.js';
import { SERVICE_IDS, type Classification, type Nlu, type NluContext, type PendingState, type ServiceId } from './types.js';

/** Below this calibrated probability, or this margin over the runner-up, the bot asks instead of acting. */
export const CLARIFY_BELOW = 0.5;
export const CLARIFY_MARGIN = 0.15;
/** The only intent id code knows: what an unclear or unrelated message falls back to. */
export const FALLBACK = 'out_of_scope';

interface Parts { matcher: ServiceMatcher; keywords: KeywordIndex; intents: IntentDef[] }

function analyse(parts: Parts, text: string, pending?: PendingState) {
  const normalized = normalize(text);
  const tokens = tokenize(normalized);
  const entities = extractEntities(text);
  const service = parts.matcher.match(normalized);
  const keywordHits = parts.keywords.hits(normalized);
  const features = featuresOf({
    normalized, tokens, keywordHits, pending,
    hasCaseNumber: entities.caseNumbers.length > 0,
    hasPhone: entities.phones.length > 0,
    hasService: service.service !== undefined,
  });
  return { normalized, tokens, entities, service, keywordHits, features };
}

/**
 * Confidence cap for an intent whose meaning needs a pending state that is absent (满意 with no question
 * asked): the reading stays first, but the capped confidence makes the bot ask instead of filing it.
 */
function contextCap(parts: Parts, intentId: string, hits: string[], context: NluContext): number | undefined {
  const c = parts.intents.find((i) => i.id === intentId)?.context;
  if (!c?.capWithout || context.pending === c.pending || hits.includes(intentId)) return undefined;
  return c.capWithout;
}

function classifyWith(parts: Parts, model: LinearModel, text: string, context: NluContext = {}): Classification {
  const a = analyse(parts, text, context.pending);
  const why: string[] = [];
  const p = model.probabilities(a.features);
  const top = parts.intents
    .map((intent, k) => ({ intent: intent.id, score: p[k] ?? 0 }))
    .sort((x, y) => y.score - x.score);
  const first = top[0] ?? { intent: FALLBACK, score: 0 };
  const second = top[1]?.score ?? 0;
  const cap = contextCap(parts, first.intent, a.keywordHits, context);
  const confidence = cap === undefined ? first.score : Math.min(first.score, cap);
  if (cap !== undefined && first.score > cap) why.push(`${first.intent} confidence capped at ${cap}: no ${context.pending ?? 'matching'} question pending`);
  const shouldClarify = confidence < CLARIFY_BELOW || confidence - second < CLARIFY_MARGIN;
  const k = parts.intents.findIndex((i) => i.id === first.intent);
  why.push(...a.service.why);
  let service = a.service.service;
  const carries = context.pending !== undefined || parts.intents[k]?.carriesService !== false;
  if (!service && context.lastService && carries) {
    service = context.lastService; // a follow-up (那要多久呢) is about the service last talked of
    why.push(`service ${service} carried over from the conversation`);
  }
  if (shouldClarify) why.push(`clarify: ${first.intent} ${confidence.toFixed(2)} vs ${top[1]?.intent ?? '-'} ${second.toFixed(2)}`);
  let explained: string[] | undefined;
  return {
    intent: first.intent, confidence, top, shouldClarify, tokens: a.tokens,
    // the strongest features are looked up only when someone reads `why` (logs, eval), not per message
    get why(): string[] {
      explained ??= [...model.explain(a.features, k, 4), ...why];
      return explained;
    },
    entities: a.entities, normalized: a.normalized, ...(service ? { service } : {}),
  };
}

function trainModel(parts: Parts, samples: Sample[]): LinearModel {
  const { fit, calibrate } = split(samples);
  const probe = train(fit, parts.intents.length);
  const model = train(samples, parts.intents.length);
  model.temperature = fitTemperature(probe, calibrate);
  return model;
}

/** Runs every code path (entities, full-width, traditional, context) so the first villager waits no longer than the rest. */
function warmUp(parts: Parts, model: LinearModel, examples: string[]): void {
  const probes = ['Ｔ２０２６０１０１－０００１ 进度', '电话１３８００００１２３４ 身份证11010519491231002X', '我想申請 要準備什麼？？'];
  for (let round = 0; round < 3; round++) {
    for (const text of [...probes, ...examples]) classifyWith(parts, model, text, round === 1 ? { pending: 'checklist' } : {});
  }
}

/** Loads intents/, trains the classifier (synchronously, a few hundred ms) and returns the NLU. */
export function loadNlu(intentsDir = 'intents'): Nlu {
  const data = loadIntentData(intentsDir);
  const parts: Parts = {
    matcher: new ServiceMatcher(data.services, data.homophones),
    keywords: new KeywordIndex(data.intents),
    intents: data.intents,
  };
  addUserWords([...data.dictionary, ...parts.matcher.words()]);
  const samples: Sample[] = withContextCopies(labelledTexts(data, FALLBACK)).map((t) => ({
    label: t.label,
    features: analyse(parts, t.text, t.pending).features,
  }));
  const model = trainModel(parts, samples);
  warmUp(parts, model, data.intents.flatMap((i) => i.examples.slice(0, 5)));
  return {
    classify: (text, context) => classifyWith(parts, model, text, context),
    intents: data.intents.map((i) => i.id),
    services: SERVICE_IDS.filter((s) => data.services.some((d) => d.id === s)) as ServiceId[],
  };
}
