import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodejieba from 'nodejieba';
import { chunks } from './normalize.js';

let loaded = '';

/**
 * Loads jieba with our user dictionary (domain words from intents/). jieba is process-global and loading its
 * own dictionary takes about a second, so it is loaded once per distinct word list. jieba reads the user
 * dictionary from a file only, so the words go to a temporary file first.
 */
export function addUserWords(words: Iterable<string>): void {
  const list = [...new Set(words)].filter((w) => !/\s/.test(w)).sort();
  const key = list.join('\n');
  if (key === loaded) return;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'nlu-jieba-')), 'user.dict.utf8');
  writeFileSync(file, list.map((w) => `${w} 1000 n`).join('\n') + '\n', 'utf8');
  nodejieba.load({ userDict: file });
  loaded = key;
}

/** Words of normalised text, punctuation and spaces dropped. */
export function tokenize(normalized: string): string[] {
  const out: string[] = [];
  for (const chunk of chunks(normalized)) for (const w of nodejieba.cut(chunk)) if (w.trim()) out.push(w);
  return out;
}
