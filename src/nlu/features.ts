import { chunks } from './normalize.js';
import type { PendingState } from './types.js';

export interface FeatureInput {
  normalized: string;
  tokens: string[];
  /** intents whose keywords occur in the text */
  keywordHits: string[];
  /** cue frames (frames.yml) found in the text */
  frameHits: string[];
  hasCaseNumber: boolean;
  hasPhone: boolean;
  hasService: boolean;
  pending?: PendingState;
}

const CJK = /\p{Script=Han}/u;
const STARS = new Set(['⭐', '★', '☆', '🌟']);

function lengthBucket(n: number): string {
  if (n <= 2) return 'len:1-2';
  if (n <= 4) return 'len:3-4';
  if (n <= 8) return 'len:5-8';
  if (n <= 16) return 'len:9-16';
  return 'len:17+';
}

/**
 * Sparse binary features: jieba words, character uni/bi/trigrams (they survive typos and unknown words),
 * keyword hits, cue frames (alone and in pairs), entity flags, message length and the pending dialogue state.
 */
export function featuresOf(input: FeatureInput): string[] {
  const out = new Set<string>();
  for (const t of input.tokens) out.add(`w:${t}`);
  const parts = chunks(input.normalized);
  const chars = [...`^${parts.join('|')}$`];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (CJK.test(c)) out.add(`c:${c}`);
    if (i + 1 < chars.length) out.add(`b:${c}${chars[i + 1] ?? ''}`);
    if (i + 2 < chars.length) out.add(`t:${c}${chars[i + 1] ?? ''}${chars[i + 2] ?? ''}`);
  }
  for (const k of input.keywordHits) out.add(`kw:${k}`);
  const frames = [...input.frameHits].sort();
  frames.forEach((f, i) => {
    out.add(`fr:${f}`);
    for (const g of frames.slice(i + 1)) out.add(`fr:${f}+${g}`); // emotion+question reads unlike emotion+misconduct
  });
  if (input.hasCaseNumber) out.add('has:case');
  if (input.hasPhone) out.add('has:phone');
  if (input.hasService) out.add('has:service');
  const stars = [...input.normalized].filter((c) => STARS.has(c)).length;
  if (stars > 0) out.add(`stars:${Math.min(stars, 5)}`); // ⭐⭐⭐ is a rating, though chunks() drops the symbols
  const length = parts.join('').length;
  out.add(lengthBucket(length));
  if (length === 0) out.add('empty');
  if (input.pending) {
    out.add(`ctx:${input.pending}`);
    out.add(`ctx:${input.pending}:${lengthBucket(length)}`);
  }
  return [...out];
}
