import type { Classification, Nlu, ServiceId } from './types.js';

export interface GoldLine { id: string; text: string; intent: string; service?: ServiceId }
interface Row { line: GoldLine; got: Classification; ms: number; cpuMs: number }

export interface EvalSummary {
  n: number; intentAccuracy: number; intentMacroF1: number; serviceAccuracy: number | null; serviceN: number;
  clarifyRate: number; confidentlyWrongRate: number; p50Ms: number; p99Ms: number;
  /** process CPU time per message: tells a busy machine's scheduling delays from our own cost */
  p99CpuMs: number;
}
export interface EvalResult { rows: Row[]; perIntent: { intent: string; precision: number; recall: number; f1: number; support: number }[]; confusions: { gold: string; got: string; count: number }[]; summary: EvalSummary }

const round = (x: number): number => Math.round(x * 10000) / 10000;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** Classifies every line (no context: each message read on its own) and scores the results. */
export function evaluate(nlu: Nlu, lines: GoldLine[]): EvalResult {
  const rows: Row[] = lines.map((line) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const got = nlu.classify(line.text);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { line, got, ms, cpuMs: (used.user + used.system) / 1000 };
  });
  const intents = [...new Set([...nlu.intents, ...lines.map((l) => l.intent)])];
  const perIntent = intents.map((intent) => {
    const tp = rows.filter((r) => r.got.intent === intent && r.line.intent === intent).length;
    const predicted = rows.filter((r) => r.got.intent === intent).length;
    const support = rows.filter((r) => r.line.intent === intent).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { intent, precision, recall, f1, support };
  });
  const pairs = new Map<string, number>();
  for (const r of rows) if (r.got.intent !== r.line.intent) {
    const key = `${r.line.intent} → ${r.got.intent}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const confusions = [...pairs].map(([k, count]) => {
    const [gold = '', got = ''] = k.split(' → ');
    return { gold, got, count };
  }).sort((a, b) => b.count - a.count);
  const withService = rows.filter((r) => r.line.service);
  const supported = perIntent.filter((p) => p.support > 0);
  const n = rows.length || 1;
  const summary: EvalSummary = {
    n: rows.length,
    intentAccuracy: round(rows.filter((r) => r.got.intent === r.line.intent).length / n),
    intentMacroF1: round(supported.reduce((a, p) => a + p.f1, 0) / (supported.length || 1)),
    serviceAccuracy: withService.length ? round(withService.filter((r) => r.got.service === r.line.service).length / withService.length) : null,
    serviceN: withService.length,
    clarifyRate: round(rows.filter((r) => r.got.shouldClarify).length / n),
    confidentlyWrongRate: round(rows.filter((r) => r.got.intent !== r.line.intent && !r.got.shouldClarify).length / n),
    p50Ms: round(percentile(rows.map((r) => r.ms), 0.5)),
    p99Ms: round(percentile(rows.map((r) => r.ms), 0.99)),
    p99CpuMs: round(percentile(rows.map((r) => r.cpuMs), 0.99)),
  };
  return { rows, perIntent, confusions, summary };
}

const pad = (s: string | number, w: number): string => String(s).padEnd(w);
const f = (x: number): string => x.toFixed(3);

export function formatReport(r: EvalResult): string {
  const out: string[] = ['Intent report', `${pad('intent', 16)}${pad('precision', 11)}${pad('recall', 9)}${pad('f1', 8)}support`];
  for (const p of r.perIntent) out.push(`${pad(p.intent, 16)}${pad(f(p.precision), 11)}${pad(f(p.recall), 9)}${pad(f(p.f1), 8)}${p.support}`);
  out.push('', 'Confusion pairs (gold → predicted)');
  for (const c of r.confusions) out.push(`  ${c.count} × ${c.gold} → ${c.got}`);
  out.push('', 'Misclassified');
  for (const row of r.rows) {
    const g = row.got;
    const intentWrong = g.intent !== row.line.intent;
    const serviceWrong = row.line.service !== undefined && g.service !== row.line.service;
    if (!intentWrong && !serviceWrong) continue;
    const top2 = g.top.slice(0, 2).map((t) => `${t.intent} ${t.score.toFixed(2)}`).join(' | ');
    out.push(`  ${row.line.id} ${row.line.text}\n    gold ${row.line.intent}/${row.line.service ?? '-'}  got ${g.intent}/${g.service ?? '-'}  ` +
      `[${top2}]${g.shouldClarify ? ' (would ask)' : ''}`);
  }
  const s = r.summary;
  out.push('', `n=${s.n} intentAccuracy=${f(s.intentAccuracy)} macroF1=${f(s.intentMacroF1)} serviceAccuracy=${s.serviceAccuracy === null ? '-' : f(s.serviceAccuracy)} (n=${s.serviceN})`,
    `clarifyRate=${f(s.clarifyRate)} confidentlyWrongRate=${f(s.confidentlyWrongRate)} p50=${s.p50Ms}ms p99=${s.p99Ms}ms (cpu p99=${s.p99CpuMs}ms)`);
  return out.join('\n');
}
