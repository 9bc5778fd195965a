/**
 * Writes intents/jieba.dict.utf8: jieba's dictionary trimmed to the words intents/ uses plus the most
 * frequent ones (see src/nlu/jieba-dict.ts for why). Run after changing intents/; `npm run validate:data`
 * says when it is stale.
 * Usage: npm run build:jieba-dict [-- --intents DIR] [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildParts } from '../src/nlu/analysis.js';
import { loadIntentData } from '../src/nlu/data.js';
import { readFullDictionary, TRIMMED_DICT, trimDictionary } from '../src/nlu/jieba-dict.js';
import { textsToKeep } from '../src/nlu/jieba-texts.js';

if (process.argv.includes('--help')) {
  console.log('usage: npm run build:jieba-dict [-- --intents DIR] [--check]\nwrites DIR/jieba.dict.utf8 (default intents/); --check only says whether it is up to date');
  process.exit(0);
}
const at = process.argv.indexOf('--intents');
const dir = at >= 0 ? process.argv[at + 1] ?? 'intents' : 'intents';
const data = loadIntentData(dir);
const text = trimDictionary(readFullDictionary(), textsToKeep(data, buildParts(data)));
const file = path.join(dir, TRIMMED_DICT);
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(file, 'utf8'); } catch { /* missing counts as stale */ }
  console.log(current === text ? `${file} is up to date` : `${file} is stale: run npm run build:jieba-dict`);
  process.exitCode = current === text ? 0 : 1;
} else {
  writeFileSync(file, text, 'utf8');
  console.log(`${file}: ${text.split('\n').length - 1} words, ${(text.length / 1024).toFixed(0)} k characters`);
}
