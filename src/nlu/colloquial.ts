/**
 * The dialect/colloquial table (intents/colloquial.yml): rewrites of colloquial words to the standard word
 * they mean (屋头 → 家里, 咋个 → 怎么), applied before features are computed; every rewrite is reported.
 */
import { z } from 'zod';

const word = z.string().trim().min(1);

const rewriteSchema = z.object({
  from: word,
  to: word,
  /** rewrite only when one of these follows (哪个管 → 谁管, but 哪个窗口 stays) */
  onlyBefore: z.array(word).default([]),
  /** longer words containing `from` that stay as they are (遭灾 is not 被灾) */
  except: z.array(word).default([]),
}).strict();

export const colloquialFileSchema = z.object({
  rewrites: z.array(rewriteSchema).min(1),
  soundAlike: z.object({
    /** words that, following a two-syllable sound-alike within three characters, confirm it */
    confirmBy: z.array(word).default([]),
    /** everyday words that sound like a term: taken only with another cue of the same service */
    everyday: z.array(word).default([]),
    /** pinyin parts villagers merge, "zh=z" */
    merge: z.array(z.string().regex(/^[a-z]+=[a-z]*$/)).default([]),
  }).strict(),
}).strict();

export type ColloquialData = z.infer<typeof colloquialFileSchema>;
type Rewrite = z.infer<typeof rewriteSchema>;

/** Problems a schema cannot see: a rewrite given twice or to itself, or an exception that cannot occur. */
export function colloquialProblems(data: ColloquialData): string[] {
  const problems: string[] = [];
  const froms = new Set<string>();
  for (const r of data.rewrites) {
    if (froms.has(r.from)) problems.push(`colloquial.yml: rewrite of "${r.from}" given twice`);
    froms.add(r.from);
    if (r.to === r.from) problems.push(`colloquial.yml: "${r.from}" is rewritten to itself`);
    for (const e of r.except) if (!e.includes(r.from)) problems.push(`colloquial.yml: except "${e}" does not contain "${r.from}"`);
  }
  return problems;
}

export interface Rewritten { text: string; applied: { from: string; to: string }[] }

/** Applies the table left to right, longest match first; rewritten text is not rewritten again. */
export class ColloquialRewriter {
  private readonly byFirst = new Map<string, Rewrite[]>();

  constructor(rewrites: Rewrite[]) {
    for (const r of [...rewrites].sort((a, b) => b.from.length - a.from.length)) {
      const first = r.from[0] as string;
      const list = this.byFirst.get(first) ?? [];
      list.push(r);
      this.byFirst.set(first, list);
    }
  }

  rewrite(text: string): Rewritten {
    const applied: Rewritten['applied'] = [];
    let out = '';
    let i = 0;
    while (i < text.length) {
      const r = this.ruleAt(text, i);
      if (!r) {
        out += text[i];
        i++;
        continue;
      }
      out += r.to;
      applied.push({ from: r.from, to: r.to });
      i += r.from.length;
    }
    return { text: out, applied };
  }

  /** Words (keywords, service terms) in the form the rewritten text will have. */
  canonical(word: string): string {
    return this.rewrite(word.toLowerCase()).text;
  }

  private ruleAt(text: string, at: number): Rewrite | undefined {
    for (const r of this.byFirst.get(text[at] as string) ?? []) {
      if (!text.startsWith(r.from, at)) continue;
      if (r.except.some((e) => exceptionAt(text, at, r.from, e))) continue;
      const rest = text.slice(at + r.from.length);
      if (r.onlyBefore.length > 0 && !r.onlyBefore.some((w) => rest.startsWith(w))) continue;
      return r;
    }
    return undefined;
  }
}

/** Whether the exception word `e` (which contains `from`) covers the occurrence of `from` at `at`. */
function exceptionAt(text: string, at: number, from: string, e: string): boolean {
  const offset = e.indexOf(from);
  const start = at - offset;
  return start >= 0 && text.startsWith(e, start);
}
