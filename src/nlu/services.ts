import type { ServiceDef } from './data.js';
import type { ServiceId } from './types.js';

interface Term { term: string; service: ServiceId; weight: number; sound: string }
export interface ServiceMatch { service?: ServiceId; why: string[] }

const NAME_WEIGHT = 3;
const CUE_WEIGHT = 1;
const FUZZY_WEIGHT = 2;
const FUZZY_MIN_LENGTH = 3;

/** Service (entity `service`) spotting: weighted dictionary terms, longest first, plus one-typo matching. */
export class ServiceMatcher {
  private readonly terms: Term[];
  private readonly fuzzyTerms: Term[];
  private readonly priority = new Map<ServiceId, number>();

  private readonly sound = new Map<string, string>();

  constructor(defs: ServiceDef[], homophones: string[] = []) {
    for (const group of homophones) for (const ch of group) this.sound.set(ch, group[0] ?? ch);
    const terms: Term[] = [];
    for (const d of defs) {
      this.priority.set(d.id, d.priority);
      for (const t of [...d.names, ...d.variants]) terms.push(this.term(t, d.id, NAME_WEIGHT));
      for (const t of d.cues) terms.push(this.term(t, d.id, CUE_WEIGHT));
    }
    this.terms = terms.sort((a, b) => b.term.length - a.term.length);
    this.fuzzyTerms = this.terms.filter((t) => t.weight === NAME_WEIGHT && t.term.length >= 2);
  }

  /** Every term the dictionary holds (for the jieba user dictionary). */
  words(): string[] {
    return this.terms.map((t) => t.term);
  }

  private term(text: string, service: ServiceId, weight: number): Term {
    const term = text.toLowerCase();
    return { term, service, weight, sound: this.soundKey(term) };
  }

  private soundKey(text: string): string {
    let out = '';
    for (const ch of text) out += this.sound.get(ch) ?? ch;
    return out;
  }

  match(normalized: string): ServiceMatch {
    const covered = new Array<boolean>(normalized.length).fill(false);
    const scores = new Map<ServiceId, { score: number; first: number }>();
    const why: string[] = [];
    const add = (t: Term, at: number, weight: number, label: string): void => {
      for (let i = at; i < at + t.term.length; i++) covered[i] = true;
      const cur = scores.get(t.service) ?? { score: 0, first: at };
      cur.score += weight * (this.priority.get(t.service) ?? 1);
      cur.first = Math.min(cur.first, at);
      scores.set(t.service, cur);
      why.push(`service ${t.service} ← ${label}`);
    };
    for (const t of this.terms) {
      let at = normalized.indexOf(t.term);
      while (at >= 0) {
        if (!isCovered(covered, at, t.term.length)) add(t, at, t.weight, `"${t.term}"`);
        at = normalized.indexOf(t.term, at + 1);
      }
    }
    const key = this.soundKey(normalized);
    for (const t of this.fuzzyTerms) {
      const at = soundFind(key, t.sound, covered);
      if (at >= 0) add(t, at, FUZZY_WEIGHT, `"${normalized.slice(at, at + t.term.length)}"≈"${t.term}" (sound)`);
    }
    for (const t of this.fuzzyTerms) {
      if (t.term.length < FUZZY_MIN_LENGTH) continue;
      const at = fuzzyFind(normalized, t.term, covered);
      if (at >= 0) add(t, at, FUZZY_WEIGHT, `"${normalized.slice(at, at + t.term.length)}"≈"${t.term}"`);
    }
    let best: { id: ServiceId; score: number; first: number } | undefined;
    for (const [id, s] of scores) {
      if (!best || s.score > best.score || (s.score === best.score && s.first < best.first)) best = { id, ...s };
    }
    return best ? { service: best.id, why } : { why };
  }
}

/** Position where `term` sounds the same (homophone classes) on uncovered text. */
function soundFind(textKey: string, termKey: string, covered: boolean[]): number {
  let at = textKey.indexOf(termKey);
  while (at >= 0 && isCovered(covered, at, termKey.length)) at = textKey.indexOf(termKey, at + 1);
  return at;
}

/** Position where `term` occurs with exactly one character substituted (not the first char), on uncovered text. */
function fuzzyFind(text: string, term: string, covered: boolean[]): number {
  const n = term.length;
  for (let at = 0; at + n <= text.length; at++) {
    if (text[at] !== term[0]) continue;
    let diff = 0;
    for (let i = 1; i < n && diff <= 1; i++) if (text[at + i] !== term[i]) diff++;
    if (diff === 1 && !isCovered(covered, at, n)) return at;
  }
  return -1;
}

function isCovered(covered: boolean[], at: number, length: number): boolean {
  for (let i = at; i < at + length; i++) if (covered[i]) return true;
  return false;
}
