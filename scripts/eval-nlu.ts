/**
 * Evaluates the intent classifier.
 *   npm run eval:nlu -- <file.jsonl> [...]   full report per file ({id, text, intent, service?} per line)
 *   npm run eval:nlu -- --cv [file ...]       the three figures: k-fold cross-validation on intents/, the dev
 *                                            set (../shared/eval/dev.jsonl, or --dev FILE) and the blind sets
 *                                            (test/fixtures/nlu/blind-*.jsonl and any file given)
 * Options: --json (one summary line per set), --intents DIR, --folds K, --no-dialect, --no-sound-alike (ablation),
 *          --full-dictionary (jieba's full dictionary instead of intents/jieba.dict.utf8, to check the trimmed one),
 *          --max-wrong 0.02 (the confidently-wrong bound of the threshold sweep), --brief (figures only),
 *          --no-neighbours (the sweep keeps the second opinion's weight at 0: no search per message),
 *          --errors (also list the errors of the blind sets --cv finds; by default only their totals, so they stay blind).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crossValidate, figures, sweep } from '../src/nlu/cross-validate.js';
import { DEFAULT_DECISION } from '../src/nlu/decision.js';
import { evaluate, formatReport, type GoldLine } from '../src/nlu/evaluate.js';
import { loadNlu } from '../src/nlu/index.js';
import { fullDictionaryPath } from '../src/nlu/jieba-dict.js';

const USAGE = 'usage: npm run eval:nlu -- [<file.jsonl> ...] [--cv] [--dev FILE] [--json] [--brief] [--intents DIR] [--folds K] [--no-dialect] [--no-sound-alike] [--full-dictionary] [--max-wrong 0.02] [--no-neighbours] [--errors]';
const VALUED = new Set(['--intents', '--dev', '--folds', '--max-wrong']);

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function readLines(file: string): GoldLine[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    const line = JSON.parse(l) as Partial<GoldLine>;
    if (typeof line.text !== 'string' || typeof line.intent !== 'string') throw new Error(`${file}:${i + 1}: needs "text" and "intent"`);
    return { id: line.id ?? `${i + 1}`, text: line.text, intent: line.intent, ...(line.service ? { service: line.service } : {}) };
  });
}

const pct = (x: number | null): string => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.length === 0) {
    console.log(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  const intentsDir = option(argv, '--intents') ?? 'intents';
  const options = {
    dialect: !argv.includes('--no-dialect'), soundAlike: !argv.includes('--no-sound-alike'),
    ...(argv.includes('--full-dictionary') ? { jiebaDict: fullDictionaryPath() } : {}),
  };
  const files = argv.filter((a, i) => !a.startsWith('--') && !VALUED.has(argv[i - 1] ?? ''));
  const cv = argv.includes('--cv');
  // the blind sets found by --cv print totals only: reading their errors would spend them (--errors to see them anyway)
  const sets: { name: string; file: string; totalsOnly?: boolean }[] = files.map((f) => ({ name: path.basename(f), file: f }));
  if (cv) {
    const dev = option(argv, '--dev') ?? '../shared/eval/dev.jsonl';
    if (existsSync(dev)) sets.unshift({ name: 'dev', file: dev });
    const fixtures = 'test/fixtures/nlu';
    const blind = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => /^blind-.*\.jsonl$/.test(f)).sort() : [];
    for (const f of blind) if (!files.some((g) => path.resolve(g) === path.resolve(fixtures, f))) sets.push({ name: f, file: path.join(fixtures, f), totalsOnly: !argv.includes('--errors') });
  }
  const table: string[] = [];
  if (cv) {
    const folds = Number(option(argv, '--folds') ?? 5);
    const result = crossValidate(intentsDir, folds, options);
    const f = figures(result.rows);
    const best = sweep(result.rows, Number(option(argv, '--max-wrong') ?? 0.02), !argv.includes('--no-neighbours'));
    table.push(`cross-validation (${folds}-fold, n=${f.n})  intent ${pct(f.accuracy)}  service    -    clarify ${pct(f.clarifyRate)}  confidently wrong ${pct(f.confidentlyWrongRate)}`);
    console.log(`cross-validation: training ${result.trainMs.toFixed(0)} ms per fold; current decision ${JSON.stringify(DEFAULT_DECISION)}`);
    console.log(`sweep (${best.tried} settings, confidently wrong < ${option(argv, '--max-wrong') ?? 0.02}): ${JSON.stringify(best.settings)} → ` +
      `clarify ${pct(best.figures.clarifyRate)} wrong ${pct(best.figures.confidentlyWrongRate)} accuracy ${pct(best.figures.accuracy)}`);
    if (argv.includes('--json')) console.log(JSON.stringify({ set: 'cv', ...f, sweep: best }));
  }
  if (sets.length === 0) return cv ? (console.log(table.join('\n')), 0) : (console.error('no input file given'), 1);
  const nlu = loadNlu(intentsDir, options);
  for (const set of sets) {
    const result = evaluate(nlu, readLines(set.file));
    const s = result.summary;
    if (!argv.includes('--brief') && !set.totalsOnly) console.log(`\n=== ${set.name} (${set.file})\n${formatReport(result)}`);
    if (argv.includes('--json')) console.log(JSON.stringify({ set: set.name, ...s }));
    table.push(`${set.name.padEnd(30)} (n=${String(s.n).padEnd(4)})  intent ${pct(s.intentAccuracy)}  service ${pct(s.serviceAccuracy)}  clarify ${pct(s.clarifyRate)}  confidently wrong ${pct(s.confidentlyWrongRate)}  p99 ${s.p99Ms} ms`);
  }
  console.log(`\n${table.join('\n')}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
