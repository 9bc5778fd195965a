import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodejieba from 'nodejieba';
import { chunks } from './normalize.js';

let loaded = '';

/**
 * Loads jieba with a main dictionary (the trimmed one from intents/ when given; jieba's full one otherwise)
 * and our user dictionary (domain words from intents/). jieba is process-global and loading takes a while,
 * so it is loaded once per distinct word list. jieba reads dictionaries from files only, so the user words go
 * to a temporary file; the keyword-extraction tables (idf, stop words) are never used here, so one-line
 * stand-ins are given instead of jieba's 6 MB idf table.
 */
export function addUserWords(words: Iterable<string>, dict?: string): void {
  const list = [...new Set(words)].filter((w) => !/\s/.test(w)).sort();
  const key = `${dict ?? ''}\n${list.join('\n')}`;
  if (key === loaded) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'nlu-jieba-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text, 'utf8');
    return path.join(dir, name);
  };
  nodejieba.load({
    ...(dict ? { dict } : {}),
    userDict: file('user.dict.utf8', list.map((w) => `${w} 1000 n`).join('\n') + '\n'),
    idfDict: file('idf.utf8', '的 1.0\n'),
    stopWordDict: file('stop_words.utf8', '的\n'),
  });
  loaded = key;
}

/** Words of normalised text, punctuation and spaces dropped. */
export function tokenize(normalized: string): string[] {
  const out: string[] = [];
  for (const chunk of chunks(normalized)) for (const w of nodejieba.cut(chunk)) if (w.trim()) out.push(w);
  return out;
}
