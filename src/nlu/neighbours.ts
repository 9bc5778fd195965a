/**
 * The second opinion: the training examples nearest to a message (cosine similarity over the same sparse
 * features, weighted by inverse document frequency), voting by similarity. It fails differently from the
 * linear model — it answers "which examples does this look like", not "which words weigh most" — so when the
 * two disagree the classifier lowers its confidence and asks.
 */
import type { Sample } from './model.js';

export interface Neighbour { index: number; label: number; similarity: number }
export interface Opinion { p: Float64Array; nearest: Neighbour[] }

/** Features found in more than this share of the examples say little and cost most; they are skipped. */
const MAX_DOC_SHARE = 0.05;

export class Neighbours {
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly norms: Float64Array;
  private readonly labels: Int32Array;
  private readonly dot: Float64Array;

  constructor(samples: Sample[], private readonly classes: number, private readonly k = 9) {
    const df = new Map<string, number>();
    for (const s of samples) for (const f of new Set(s.features)) df.set(f, (df.get(f) ?? 0) + 1);
    const n = samples.length;
    for (const [f, d] of df) if (d <= Math.max(2, n * MAX_DOC_SHARE)) this.idf.set(f, Math.log((n + 1) / (d + 0.5)));
    this.norms = new Float64Array(n);
    this.labels = Int32Array.from(samples.map((s) => s.label));
    this.dot = new Float64Array(n);
    samples.forEach((s, i) => {
      let sq = 0;
      for (const f of new Set(s.features)) {
        const w = this.idf.get(f);
        if (w === undefined) continue;
        sq += w * w;
        const list = this.postings.get(f) ?? [];
        list.push(i);
        this.postings.set(f, list);
      }
      this.norms[i] = Math.sqrt(sq) || 1;
    });
  }

  /** Class votes of the k nearest examples (similarity-weighted, summing to 1) and the examples themselves. */
  opinion(features: string[]): Opinion {
    const touched: number[] = [];
    let sq = 0;
    for (const f of features) {
      const w = this.idf.get(f);
      if (w === undefined) continue;
      sq += w * w;
      for (const i of this.postings.get(f) ?? []) {
        if (this.dot[i] === 0) touched.push(i);
        this.dot[i] = (this.dot[i] as number) + w * w;
      }
    }
    const norm = Math.sqrt(sq) || 1;
    const best: Neighbour[] = [];
    for (const i of touched) {
      const similarity = (this.dot[i] as number) / (norm * (this.norms[i] as number));
      this.dot[i] = 0;
      if (best.length < this.k || similarity > (best[best.length - 1] as Neighbour).similarity) {
        best.push({ index: i, label: this.labels[i] as number, similarity });
        best.sort((a, b) => b.similarity - a.similarity);
        if (best.length > this.k) best.pop();
      }
    }
    const p = new Float64Array(this.classes);
    let total = 0;
    for (const b of best) {
      p[b.label] = (p[b.label] as number) + b.similarity;
      total += b.similarity;
    }
    if (total > 0) for (let c = 0; c < this.classes; c++) p[c] = (p[c] as number) / total;
    else p.fill(1 / this.classes);
    return { p, nearest: best };
  }
}
