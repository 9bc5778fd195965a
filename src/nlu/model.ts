/**
 * Multinomial logistic regression over sparse binary features, trained by SGD with AdaGrad step sizes and
 * L2 regularisation, then temperature-scaled so its probabilities are calibrated (see README.md for why).
 */
export interface Sample { features: string[]; label: number }

export interface TrainOptions { epochs: number; rate: number; l2: number; seed: number }
const DEFAULTS: TrainOptions = { epochs: 4, rate: 0.5, l2: 1e-5, seed: 7 };

export class LinearModel {
  temperature = 1;
  constructor(
    readonly classes: number,
    private readonly index: Map<string, number>,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  /** Raw class scores (logits). */
  logits(features: string[]): Float64Array {
    return this.logitsOf(this.indices(features));
  }

  indices(features: string[]): number[] {
    const out: number[] = [];
    for (const f of features) {
      const i = this.index.get(f);
      if (i !== undefined) out.push(i);
    }
    return out;
  }

  /** `rows` are feature indices; each feature counts 1/sqrt(number of features of the message). */
  logitsOf(rows: number[], featureCount = rows.length): Float64Array {
    const c = this.classes;
    const z = Float64Array.from(this.bias);
    const scale = 1 / Math.sqrt(Math.max(1, featureCount));
    for (const r of rows) for (let k = 0; k < c; k++) z[k] = (z[k] as number) + (this.weights[r * c + k] as number) * scale;
    return z;
  }

  /** Calibrated class probabilities; one pass over the features, no intermediate arrays (runs per message). */
  probabilities(features: string[]): Float64Array {
    const c = this.classes;
    const z = Float64Array.from(this.bias);
    const scale = 1 / Math.sqrt(Math.max(1, features.length));
    for (const f of features) {
      const r = this.index.get(f);
      if (r === undefined) continue;
      for (let k = 0; k < c; k++) z[k] = (z[k] as number) + (this.weights[r * c + k] as number) * scale;
    }
    return softmaxInPlace(z, this.temperature);
  }

  /** Features pushing towards class k, strongest first (for `why`). */
  explain(features: string[], k: number, count: number): string[] {
    return features
      .map((f) => ({ f, w: this.weightOf(f, k) }))
      .filter((x) => x.w > 0)
      .sort((a, b) => b.w - a.w)
      .slice(0, count)
      .map((x) => `${x.f} (+${x.w.toFixed(2)})`);
  }

  private weightOf(feature: string, k: number): number {
    const i = this.index.get(feature);
    return i === undefined ? 0 : (this.weights[i * this.classes + k] ?? 0);
  }

  /** Used by training only. */
  raw(): { weights: Float64Array; bias: Float64Array } {
    return { weights: this.weights, bias: this.bias };
  }

  /** What the model is made of, for the start-up cache (features in row order). */
  stored(): StoredModel {
    return { classes: this.classes, temperature: this.temperature, features: [...this.index.keys()], bias: [...this.bias], weights: this.weights };
  }

  /** A model exactly as {@link stored} left it. */
  static fromStored(m: StoredModel): LinearModel {
    if (m.weights.length !== m.features.length * m.classes || m.bias.length !== m.classes) throw new Error('stored model has the wrong shape');
    const model = new LinearModel(m.classes, new Map(m.features.map((f, i) => [f, i])), m.weights, Float64Array.from(m.bias));
    model.temperature = m.temperature;
    return model;
  }
}

/** A trained model's parts (see model-cache.ts). */
export interface StoredModel { classes: number; temperature: number; features: string[]; bias: number[]; weights: Float64Array }

/** Softmax overwriting `z` (saves two allocations per message). */
export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) max = Math.max(max, (z[k] as number) / temperature);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp((z[k] as number) / temperature - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] as number) / sum;
  return z;
}

/** Small deterministic PRNG (mulberry32) so training is reproducible. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(order: number[], rnd: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
}

export function train(samples: Sample[], classes: number, options: Partial<TrainOptions> = {}): LinearModel {
  const o = { ...DEFAULTS, ...options };
  const index = new Map<string, number>();
  for (const s of samples) for (const f of s.features) if (!index.has(f)) index.set(f, index.size);
  const model = new LinearModel(classes, index, new Float64Array(index.size * classes), new Float64Array(classes));
  const { weights, bias } = model.raw();
  const grad = new Float64Array(index.size * classes).fill(1e-8);
  const biasGrad = new Float64Array(classes).fill(1e-8);
  const rows = samples.map((s) => Int32Array.from(model.indices(s.features)));
  const labels = Int32Array.from(samples, (s) => s.label);
  const order = samples.map((_, i) => i);
  const rnd = random(o.seed);
  // one buffer for the logits of every step: the same arithmetic as logitsOf + softmaxInPlace, without two allocations a step
  const p = new Float64Array(classes);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, rnd);
    for (const idx of order) {
      const r = rows[idx] as Int32Array;
      const label = labels[idx] as number;
      const n = r.length;
      const scale = 1 / Math.sqrt(Math.max(1, n));
      p.set(bias);
      for (let j = 0; j < n; j++) {
        const base = (r[j] as number) * classes;
        for (let k = 0; k < classes; k++) p[k] = (p[k] as number) + (weights[base + k] as number) * scale;
      }
      softmaxInPlace(p);
      for (let k = 0; k < classes; k++) {
        const g = (p[k] as number) - (k === label ? 1 : 0);
        if (Math.abs(g) < 1e-4) continue; // nothing to learn for this class; skipping keeps training well under 1 s
        biasGrad[k] = (biasGrad[k] as number) + g * g;
        bias[k] = (bias[k] as number) - (o.rate * g) / Math.sqrt(biasGrad[k] as number);
        for (let j = 0; j < n; j++) {
          const at = (r[j] as number) * classes + k;
          const gk = g * scale + o.l2 * (weights[at] as number);
          grad[at] = (grad[at] as number) + gk * gk;
          weights[at] = (weights[at] as number) - (o.rate * gk) / Math.sqrt(grad[at] as number);
        }
      }
    }
  }
  return model;
}

/** Temperature minimising the negative log-likelihood of held-out samples (grid search). */
export function fitTemperature(model: LinearModel, heldOut: Sample[]): number {
  const logits = heldOut.map((s) => ({ z: model.logitsOf(model.indices(s.features), s.features.length), label: s.label }));
  let best = { t: 1, nll: Infinity };
  const p = new Float64Array(model.classes);
  for (let t = 0.5; t <= 4.001; t += 0.1) {
    let nll = 0;
    for (const { z, label } of logits) {
      p.set(z);
      nll -= Math.log(Math.max(1e-12, softmaxInPlace(p, t)[label] ?? 0));
    }
    if (nll < best.nll) best = { t, nll };
  }
  return best.t;
}
