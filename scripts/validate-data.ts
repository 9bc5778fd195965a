/**
 * Validates the data folders before the tests run (part of `npm test`):
 * intents/ (the classifier's training data), templates/ (answers, checklists, system messages),
 * and that every template key the code asks for exists in the data.
 * Usage: tsx scripts/validate-data.ts [--help]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { validateIntentData } from '../src/nlu/index.js';
import { validateTemplates } from '../src/answers/service-template.loader.js';
import { buildParts } from '../src/nlu/analysis.js';
import { loadIntentData } from '../src/nlu/data.js';
import { readFullDictionary, TRIMMED_DICT, trimDictionary } from '../src/nlu/jieba-dict.js';
import { textsToKeep } from '../src/nlu/jieba-texts.js';

if (process.argv.includes('--help')) {
  console.log('usage: tsx scripts/validate-data.ts\nchecks intents/, templates/ and the template keys used in src/');
  process.exit(0);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Keys passed to messages.render('…') / say('…') in src must exist in templates/system.yml. */
function missingSystemKeys(): string[] {
  const system = parse(readFileSync('templates/system.yml', 'utf8')) as Record<string, unknown>;
  const problems: string[] = [];
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:messages\.render|say)\(\s*'([a-z0-9_]+)'/g)) {
      const key = m[1];
      if (key && !(key in system)) problems.push(`${file}: template key "${key}" is not in templates/system.yml`);
    }
  }
  return problems;
}

/** intents/jieba.dict.utf8 must hold every jieba word intents/ uses, or training text is cut differently. */
function staleJiebaDictionary(): string[] {
  const data = loadIntentData('intents');
  const expected = trimDictionary(readFullDictionary(), textsToKeep(data, buildParts(data)));
  let current = '';
  try {
    current = readFileSync(path.join('intents', TRIMMED_DICT), 'utf8');
  } catch {
    // a missing file is reported as stale below
  }
  return current === expected ? [] : [`intents/${TRIMMED_DICT} is stale or missing: run npm run build:jieba-dict`];
}

const intentProblems = validateIntentData('intents').map((p) => `intents: ${p}`);
const problems = [
  ...intentProblems,
  ...(intentProblems.length ? [] : staleJiebaDictionary()),
  ...validateTemplates('templates').map((p) => `templates: ${p}`),
  ...missingSystemKeys(),
];
if (problems.length) {
  console.error(`data validation failed (${problems.length} problem(s)):\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log('intents/ and templates/ are valid');
