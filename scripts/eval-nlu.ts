/**
 * Evaluates the intent classifier on a labelled JSONL file ({id, text, intent, service?} per line).
 * Usage: npm run eval:nlu -- <file.jsonl> [--json] [--intents DIR]
 * Prints a Rasa-style report; with --json the last line is one JSON object with the headline figures.
 */
import { readFileSync } from 'node:fs';
import { loadNlu } from '../src/nlu/index.js';
import { evaluate, formatReport, type GoldLine } from '../src/nlu/evaluate.js';

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.length === 0) {
    console.log('usage: npm run eval:nlu -- <file.jsonl> [--json] [--intents DIR]');
    return argv.length === 0 ? 1 : 0;
  }
  const dirAt = argv.indexOf('--intents');
  const intentsDir = dirAt >= 0 ? argv[dirAt + 1] ?? 'intents' : 'intents';
  const file = argv.find((a, i) => !a.startsWith('--') && (dirAt < 0 || i !== dirAt + 1));
  if (!file) throw new Error('no input file given');
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldLine);
  const nlu = loadNlu(intentsDir);
  const result = evaluate(nlu, lines);
  console.log(formatReport(result));
  if (argv.includes('--json')) console.log(JSON.stringify(result.summary));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
