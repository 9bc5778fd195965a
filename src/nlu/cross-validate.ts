/**
 * k-fold cross-validation on intents/: every line is classified by a classifier trained without its fold
 * (a template and all its expansions share a fold, so a held-out line never has a near-copy in training).
 * The held-out opinions are kept, so the decision thresholds can be swept without retraining.
 */
import { opinions, prepare, trainOn, FALLBACK } from './classifier.js';
import type { PartsOptions } from './analysis.js';
import { loadIntentData } from './data.js';
import { decide, DEFAULT_DECISION, type DecisionSettings } from './decision.js';
import { labelledTexts, type LabelledText } from './training.js';

export interface HeldOut { text: string; gold: number; linear: Float64Array; nearest: Float64Array }
export interface CvResult { intents: string[]; rows: HeldOut[]; trainMs: number }
export interface Figures { n: number; accuracy: number; clarifyRate: number; confidentlyWrongRate: number }

/** FNV-1a: the fold of a group, stable across runs and machines. */
function fold(group: string, k: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 0x01000193);
  return (h >>> 0) % k;
}

export function crossValidate(intentsDir = 'intents', k = 5, options: PartsOptions = {}): CvResult {
  const data = loadIntentData(intentsDir);
  const parts = prepare(data, { ...options, intentsDir });
  const texts = labelledTexts(data, FALLBACK);
  const rows: HeldOut[] = [];
  const started = performance.now();
  const cache = new Map<string, string[]>();
  for (let f = 0; f < k; f++) {
    const held: LabelledText[] = texts.filter((t) => fold(t.group, k) === f);
    const trained = trainOn(parts, texts.filter((t) => fold(t.group, k) !== f), cache);
    for (const t of held) {
      const o = opinions(parts, trained, t.text, t.pending ? { pending: t.pending } : {});
      rows.push({ text: t.text, gold: t.label, linear: o.linear, nearest: o.nearest.p });
    }
  }
  return { intents: data.intents.map((i) => i.id), rows, trainMs: (performance.now() - started) / k };
}

/** Accuracy, clarify rate and confidently-wrong rate of held-out opinions under one decision setting. */
export function figures(rows: HeldOut[], s: DecisionSettings = DEFAULT_DECISION): Figures {
  let right = 0;
  let asked = 0;
  let wrongSure = 0;
  for (const r of rows) {
    const d = decide(r.linear, r.nearest, s);
    const sorted = [...d.p].sort((a, b) => b - a);
    const clarify = d.confidence < s.clarifyBelow || d.confidence - (sorted[1] ?? 0) < s.clarifyMargin;
    if (d.best === r.gold) right++;
    if (clarify) asked++;
    else if (d.best !== r.gold) wrongSure++;
  }
  const n = rows.length || 1;
  return { n: rows.length, accuracy: right / n, clarifyRate: asked / n, confidentlyWrongRate: wrongSure / n };
}

/**
 * The decision setting that asks least while keeping confidently-wrong under `maxWrong` on the held-out
 * opinions (ties: higher accuracy). Returns the winner and how many settings were tried.
 */
export function sweep(rows: HeldOut[], maxWrong: number, withNeighbours = true): { settings: DecisionSettings; figures: Figures; tried: number } {
  let best: { settings: DecisionSettings; figures: Figures } | undefined;
  let tried = 0;
  // without the neighbours (they cost a search per message) only the linear model's confidence decides
  for (const neighbourWeight of withNeighbours ? [0, 0.2, 0.3, 0.4, 0.5] : [0]) {
    for (const disagreeFactor of withNeighbours ? [1, 0.85, 0.7, 0.55] : [1]) {
      for (const clarifyBelow of [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.78, 0.8, 0.82, 0.84, 0.85, 0.9]) {
        for (const clarifyMargin of [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4]) {
          const settings = { neighbourWeight, disagreeFactor, clarifyBelow, clarifyMargin };
          const f = figures(rows, settings);
          tried++;
          if (f.confidentlyWrongRate >= maxWrong) continue;
          const better = !best || f.clarifyRate < best.figures.clarifyRate - 1e-9 ||
            (Math.abs(f.clarifyRate - best.figures.clarifyRate) < 1e-9 && f.accuracy > best.figures.accuracy);
          if (better) best = { settings, figures: f };
        }
      }
    }
  }
  return { ...(best ?? { settings: DEFAULT_DECISION, figures: figures(rows) }), tried };
}
