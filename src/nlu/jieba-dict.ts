/**
 * jieba's own dictionary (349,046 words) costs the process about 250 MB once loaded. The classifier needs
 * only: the words that occur in intents/ (so training text is cut exactly as before), the most frequent
 * words (so a villager's unseen sentence is cut as before in the common case), every single character, and
 * the user dictionary. The trimmed file keeps jieba's arithmetic unchanged: it holds the entry of the lowest
 * frequency (jieba's weight for unknown characters) and one balancing entry that no text contains, carrying
 * the frequency of the dropped words (jieba divides every frequency by the total).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Frequent words kept besides the ones intents/ uses; chosen by measurement (src/nlu/README.md). */
export const FREQUENT_WORDS = 30000;
/** The file the classifier loads when present in the intents directory; `npm run build:jieba-dict` writes it. */
export const TRIMMED_DICT = 'jieba.dict.utf8';
/** Private-use characters: never in a villager's message, never normalised into one. */
const BALANCE_WORD = '\uE000\uE001';
const MAX_WORD = 8;

export function fullDictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('nodejieba')), 'submodules/cppjieba/dict/jieba.dict.utf8');
}

/** Every substring (2..8 characters) of the texts: a dictionary word "occurs in intents/" when it is one. */
function substrings(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    const chars = [...t];
    for (let i = 0; i < chars.length; i++) {
      let s = chars[i] as string;
      for (let j = i + 1; j < Math.min(chars.length, i + MAX_WORD); j++) {
        s += chars[j] as string;
        out.add(s);
      }
    }
  }
  return out;
}

/** The trimmed dictionary's text, from the full dictionary's text and the texts whose cut must not change. */
export function trimDictionary(full: string, texts: Iterable<string>, frequent = FREQUENT_WORDS): string {
  const used = substrings(texts);
  const entries = full.split('\n').filter(Boolean).map((line) => {
    const [word = '', freq = '0', tag = ''] = line.split(' ');
    return { word, freq: Number(freq), tag, line };
  });
  const total = entries.reduce((a, e) => a + e.freq, 0);
  const byFreq = [...entries].sort((a, b) => b.freq - a.freq);
  const keep = new Set(byFreq.slice(0, frequent));
  const lowest = byFreq[byFreq.length - 1];
  if (lowest) keep.add(lowest);
  for (const e of entries) if ([...e.word].length === 1 || used.has(e.word)) keep.add(e);
  const kept = entries.filter((e) => keep.has(e));
  const rest = total - kept.reduce((a, e) => a + e.freq, 0);
  return [...kept.map((e) => e.line), ...(rest > 0 ? [`${BALANCE_WORD} ${rest} x`] : [])].join('\n') + '\n';
}

export function readFullDictionary(): string {
  return readFileSync(fullDictionaryPath(), 'utf8');
}
