/** The texts whose segmentation the trimmed jieba dictionary must keep: everything intents/ holds, as read. */
import type { Parts } from './analysis.js';
import type { IntentData } from './data.js';
import { normalize } from './normalize.js';
import { labelledTexts } from './training.js';

export function textsToKeep(data: IntentData, parts: Parts): string[] {
  const raw = [
    ...labelledTexts(data, 'out_of_scope').map((t) => t.text),
    ...data.intents.flatMap((i) => i.keywords), ...data.dictionary,
    ...data.services.flatMap((s) => [...s.names, ...s.variants, ...s.cues]),
    ...data.frames.flatMap((f) => f.words), ...data.colloquial.rewrites.map((r) => r.to),
  ].map(normalize);
  return [...new Set([...raw, ...raw.map((t) => parts.rewriter.rewrite(t).text)])];
}
