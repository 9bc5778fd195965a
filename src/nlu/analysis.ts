/**
 * One message, read: normalised, colloquial words rewritten, sound-alike candidates judged, services spotted,
 * words cut, features computed. Everything the classifier and its second opinion look at, with the reasons.
 */
import { ColloquialRewriter } from './colloquial.js';
import type { IntentData, IntentDef } from './data.js';
import { extractEntities } from './entities.js';
import { featuresOf } from './features.js';
import { FrameIndex } from './frames.js';
import { KeywordIndex } from './keywords.js';
import { chunks, normalize } from './normalize.js';
import { ServiceMatcher, type ServiceMatch } from './services.js';
import { SoundAlike, applyCandidates, type SoundTerm } from './sound-alike.js';
import { tokenize } from './tokenizer.js';
import type { Entities, PendingState } from './types.js';

export interface Parts {
  rewriter: ColloquialRewriter; sounds: SoundAlike; matcher: ServiceMatcher; keywords: KeywordIndex; frames: FrameIndex;
  intents: IntentDef[];
}

export interface PartsOptions {
  dialect?: boolean; soundAlike?: boolean;
  /** jieba main dictionary file; default: intents/jieba.dict.utf8 when present, else jieba's full one */
  jiebaDict?: string;
}

/** Builds the readers from intents/; `options` switch the dialect table or sound-alikes off (for the ablation). */
export function buildParts(data: IntentData, options: PartsOptions = {}): Parts {
  const rewriter = new ColloquialRewriter(options.dialect === false ? [] : data.colloquial.rewrites);
  const canon = (w: string) => rewriter.canonical(w);
  const services = data.services.map((s) => ({ ...s, names: s.names.map(canon), variants: s.variants.map(canon), cues: s.cues.map(canon) }));
  const soundTerms: SoundTerm[] = options.soundAlike === false ? [] : [
    ...services.flatMap((s) => [...s.names, ...s.variants].map((term) => ({ term, service: s.id, kind: 'name' as const }))),
    ...data.intents.flatMap((i) => i.keywords.map((k) => ({ term: canon(k), kind: 'keyword' as const }))),
  ];
  return {
    rewriter,
    sounds: new SoundAlike(soundTerms, data.colloquial.soundAlike),
    matcher: new ServiceMatcher(services, data.homophones),
    keywords: new KeywordIndex(data.intents.map((i) => ({ id: i.id, keywords: i.keywords.map(canon) }))),
    frames: new FrameIndex(data.frames, canon),
    intents: data.intents,
  };
}

export interface Analysis {
  normalized: string;
  /** the text the features were computed on: rewritten and with the taken sound-alikes replaced */
  resolved: string;
  tokens: string[];
  entities: Entities;
  service: ServiceMatch;
  keywordHits: string[];
  features: string[];
  /** dialect rewrites and sound-alike candidates, for `why` */
  notes: string[];
}

/** a mobile phone or an ID number (flagged as has:phone; their digits say nothing); case and other numbers stay */
const LONG_NUMBER = /(?<!\d)(?:1[3-9]\d{9}|\d{17}[\dXx])(?!\d)/g;

export function analyse(parts: Parts, text: string, pending?: PendingState): Analysis {
  const normalized = normalize(text);
  const colloquial = parts.rewriter.rewrite(normalized);
  const notes = colloquial.applied.map((r) => `dialect "${r.from}"→"${r.to}"`);
  let service = parts.matcher.match(colloquial.text);
  const candidates = parts.sounds.find(colloquial.text, new Set(service.found));
  let resolved = colloquial.text;
  for (const c of candidates) {
    notes.push(`sound-alike "${c.seen}"≈"${c.term}" (${c.syllables}) ${c.taken ? 'taken' : 'not taken'}: ${c.reason}`);
  }
  if (candidates.some((c) => c.taken)) {
    resolved = applyCandidates(colloquial.text, candidates);
    service = parts.matcher.match(resolved);
  }
  // phones and ID numbers are flags, not words: their digits must not vote ("…克扣低保金 我电话139…")
  const worded = resolved.replace(LONG_NUMBER, ' ');
  const tokens = tokenize(worded);
  const entities = extractEntities(text);
  const keywordHits = parts.keywords.hits(resolved);
  const features = featuresOf({
    normalized: worded, tokens, keywordHits, pending,
    frameHits: parts.frames.hits(resolved, chunks(resolved)),
    hasCaseNumber: entities.caseNumbers.length > 0,
    hasPhone: entities.phones.length > 0,
    hasService: service.service !== undefined,
  });
  return { normalized, resolved, tokens, entities, service, keywordHits, features, notes };
}
