import type { ServiceDef } from './data.js';
import type { ServiceId } from './types.js';

interface Term { term: string; service: ServiceId; weight: number; sound: string; first: number; firstSound: number }
export interface ServiceMatch { service?: ServiceId; why: string[]; /** every service named, best or not */ found: ServiceId[] }

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
    this.termsByFirst = byFirst(this.terms, (t) => t.first);
    this.fuzzyByFirst = byFirst(this.fuzzyTerms, (t) => t.first);
    this.fuzzyBySound = byFirst(this.fuzzyTerms, (t) => t.firstSound);
    this.candidate = new Uint8Array(this.terms.length);
  }

  private readonly termsByFirst: Map<number, number[]>;
  private readonly fuzzyByFirst: Map<number, number[]>;
  private readonly fuzzyBySound: Map<number, number[]>;
  /** scratch flags, reset after each use: which terms could occur in the current text */
  private readonly candidate: Uint8Array;

  /** Marks the terms whose first character occurs in `text`; returns whether any did. */
  private mark(text: string, index: Map<number, number[]>): boolean {
    let any = false;
    for (let i = 0; i < text.length; i++) {
      const list = index.get(text.charCodeAt(i));
      if (list) for (const k of list) { this.candidate[k] = 1; any = true; }
    }
    return any;
  }

  /** Every term the dictionary holds (for the jieba user dictionary). */
  words(): string[] {
    return this.terms.map((t) => t.term);
  }

  private term(text: string, service: ServiceId, weight: number): Term {
    const term = text.toLowerCase();
    const sound = this.soundKey(term);
    return { term, service, weight, sound, first: term.charCodeAt(0), firstSound: sound.charCodeAt(0) };
  }

  private soundKey(text: string): string {
    let out = '';
    for (const ch of text) out += this.sound.get(ch) ?? ch;
    return out;
  }

  /**
   * Terms are tried only when the text holds their first character (or its sound class), found through an
   * index by first character: a message costs a handful of `indexOf` calls instead of one per term.
   */
  match(normalized: string): ServiceMatch {
    const covered = new Array<boolean>(normalized.length).fill(false);
    const scores = new Map<ServiceId, { score: number; first: number }>();
    const found: { t: Term; at: number; kind: 'exact' | 'sound' | 'typo' }[] = [];
    const add = (t: Term, at: number, kind: 'exact' | 'sound' | 'typo'): void => {
      for (let i = at; i < at + t.term.length; i++) covered[i] = true;
      const cur = scores.get(t.service) ?? { score: 0, first: at };
      cur.score += (kind === 'exact' ? t.weight : FUZZY_WEIGHT) * (this.priority.get(t.service) ?? 1);
      cur.first = Math.min(cur.first, at);
      scores.set(t.service, cur);
      found.push({ t, at, kind });
    };
    const flags = this.candidate;
    if (this.mark(normalized, this.termsByFirst)) {
      this.terms.forEach((t, k) => {
        if (!flags[k]) return;
        let at = normalized.indexOf(t.term);
        while (at >= 0) {
          if (!isCovered(covered, at, t.term.length)) add(t, at, 'exact');
          at = normalized.indexOf(t.term, at + 1);
        }
      });
      flags.fill(0);
    }
    const key = this.soundKey(normalized);
    if (this.mark(key, this.fuzzyBySound)) {
      this.fuzzyTerms.forEach((t, k) => {
        const at = flags[k] ? soundFind(key, t.sound, covered) : -1;
        if (at >= 0) add(t, at, 'sound');
      });
      flags.fill(0);
    }
    if (this.mark(normalized, this.fuzzyByFirst)) {
      this.fuzzyTerms.forEach((t, k) => {
        const at = flags[k] && t.term.length >= FUZZY_MIN_LENGTH ? fuzzyFind(normalized, t.term, covered) : -1;
        if (at >= 0) add(t, at, 'typo');
      });
      flags.fill(0);
    }
    const why = found.map(({ t, at, kind }) => {
      const seen = normalized.slice(at, at + t.term.length);
      const label = kind === 'exact' ? `"${t.term}"` : `"${seen}"≈"${t.term}"${kind === 'sound' ? ' (sound)' : ''}`;
      return `service ${t.service} ← ${label}`;
    });
    let best: { id: ServiceId; score: number; first: number } | undefined;
    for (const [id, s] of scores) {
      if (!best || s.score > best.score || (s.score === best.score && s.first < best.first)) best = { id, ...s };
    }
    const all = [...scores.keys()];
    return best ? { service: best.id, why, found: all } : { why, found: all };
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

/** Term positions (in `terms`) by the char code `key` picks. */
function byFirst(terms: Term[], key: (t: Term) => number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  terms.forEach((t, k) => {
    const list = out.get(key(t)) ?? [];
    list.push(k);
    out.set(key(t), list);
  });
  return out;
}

function isCovered(covered: boolean[], at: number, length: number): boolean {
  for (let i = at; i < at + length; i++) if (covered[i]) return true;
  return false;
}
