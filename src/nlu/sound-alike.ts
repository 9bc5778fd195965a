/**
 * Sound-alike candidates (同音/近音): a stretch of the message that is pronounced like a service name or cue
 * but written differently (心访 ≈ 信访, 地保 ≈ 低保, 残急证 ≈ 残疾证, 就在 ≈ 救灾) — voice input and pinyin typing
 * produce these. A candidate is only a candidate: it is taken when the context confirms it, so the everyday
 * word 就在 stays 就在 in 「我就在村口等」.
 */
import { pinyin } from 'pinyin-pro';
import type { ServiceId } from './types.js';

/** A term to listen for: a service name or variant, or an intent keyword (matched only when typed in pinyin). */
export interface SoundTerm { term: string; service?: ServiceId; kind: 'name' | 'keyword' }
export interface SoundSettings { confirmBy: string[]; everyday: string[]; merge: string[] }

/** One stretch that sounds like a term; `taken` says whether the context confirmed it, `reason` why (not). */
export interface SoundCandidate {
  at: number; seen: string; term: string; service?: ServiceId; syllables: string; taken: boolean; reason: string;
}

const HAN = /\p{Script=Han}/u;
/** Digits typed for numerals (5保 = 五保). */
const DIGITS = ['ling', 'yi', 'er', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'];
const CONFIRM_WINDOW = 3;

interface Entry { term: SoundTerm; syllables: string[] }

export class SoundAlike {
  private readonly readings = new Map<string, string[]>();
  private readonly byFirst = new Map<string, Entry[]>();
  private readonly exact: Set<string>;
  private readonly merges: [string, string][];
  private readonly everyday: Set<string>;
  /** terms by their pinyin typed out in letters (canjizheng, rengong) */
  private readonly latin = new Map<string, SoundTerm>();

  constructor(terms: SoundTerm[], private readonly settings: SoundSettings) {
    this.merges = settings.merge.map((m) => m.split('=') as [string, string]);
    this.everyday = new Set(settings.everyday);
    this.exact = new Set(terms.map((t) => t.term));
    for (const term of terms) {
      if ([...term.term].length < 2 || ![...term.term].every((c) => HAN.test(c))) continue;
      const syllables = [...term.term].map((c) => this.charReadings(c, false)[0] ?? c);
      const letters = [...term.term].map((c) => pinyin(c, { toneType: 'none' }).replace('ü', 'v')).join('');
      if (letters.length >= 5 && !this.latin.has(letters)) this.latin.set(letters, term);
      if (term.kind !== 'name') continue;
      const list = this.byFirst.get(syllables[0] as string) ?? [];
      list.push({ term, syllables });
      this.byFirst.set(syllables[0] as string, list);
    }
  }

  /** Readings of one character, merged sounds applied; cached (pinyin of a whole message costs too much). */
  private charReadings(ch: string, all = true): string[] {
    const key = all ? ch : `=${ch}`;
    let r = this.readings.get(key);
    if (!r) {
      const digit = /^[0-9]$/.test(ch) ? DIGITS[Number(ch)] : undefined;
      const raw = digit ? [digit] : HAN.test(ch) ? (all ? pinyin(ch, { toneType: 'none', multiple: true, type: 'array' }) : [pinyin(ch, { toneType: 'none' })]) : [ch];
      r = [...new Set(raw.map((s) => this.merge(s)))];
      this.readings.set(key, r);
    }
    return r;
  }

  private merge(s: string): string {
    let out = s.replace('ü', 'v');
    for (const [from, to] of this.merges) {
      const final = /^[aeiouv]/.test(from); // a final (韵母, -ing) or an initial (声母, zh-)
      if (final && out.endsWith(from)) out = out.slice(0, -from.length) + to;
      else if (!final && out.startsWith(from)) out = to + out.slice(from.length);
    }
    return out;
  }

  /** Candidates in `text` (normalised and rewritten), with the context that takes or leaves each. */
  find(text: string, servicesNamed: ReadonlySet<ServiceId>): SoundCandidate[] {
    const chars = [...text];
    const out: SoundCandidate[] = this.typedInPinyin(text);
    for (let i = 0; i < chars.length; i++) {
      if (!HAN.test(chars[i] as string) && !/[0-9]/.test(chars[i] as string)) continue;
      for (const first of this.charReadings(chars[i] as string)) {
        for (const e of this.byFirst.get(first) ?? []) {
          const n = e.syllables.length;
          if (i + n > chars.length) continue;
          const seen = chars.slice(i, i + n).join('');
          if (seen === e.term.term || this.exact.has(seen)) continue;
          if (!e.syllables.every((s, k) => this.charReadings(chars[i + k] as string).includes(s))) continue;
          if (out.some((c) => c.at === i && c.seen === seen)) continue; // one reading per stretch: names come before variants
          out.push(this.judge(chars, i, seen, e, servicesNamed));
        }
      }
    }
    return out;
  }

  /** Runs of letters that spell a term's pinyin (voice-less typing by someone who cannot pick the characters). */
  private typedInPinyin(text: string): SoundCandidate[] {
    const out: SoundCandidate[] = [];
    for (const m of text.matchAll(/[a-z]{5,}/g)) {
      const term = this.latin.get(m[0]);
      if (term) out.push({ at: [...text.slice(0, m.index)].length, seen: m[0], term: term.term, ...(term.service ? { service: term.service } : {}), syllables: m[0], taken: true, reason: 'typed in pinyin' });
    }
    return out;
  }

  private judge(chars: string[], at: number, seen: string, e: Entry, named: ReadonlySet<ServiceId>): SoundCandidate {
    const base = { at, seen, term: e.term.term, service: e.term.service, syllables: e.syllables.join(' ') };
    const after = chars.slice(at + seen.length, at + seen.length + CONFIRM_WINDOW + 2).join('');
    const confirm = this.settings.confirmBy.find((w) => after.indexOf(w) >= 0 && after.indexOf(w) < CONFIRM_WINDOW);
    const service = e.term.service;
    if (service && named.has(service)) return { ...base, taken: true, reason: `the message also points to ${service}` };
    if (this.everyday.has(seen)) return { ...base, taken: false, reason: 'an everyday word, and nothing else points to that service' };
    if (e.syllables.length >= 3) return { ...base, taken: true, reason: 'three syllables alike' };
    if (confirm) return { ...base, taken: true, reason: `confirmed by "${confirm}"` };
    if (differing(seen, e.term.term) === 1) return { ...base, taken: true, reason: 'one character written by its sound' };
    return { ...base, taken: false, reason: 'no word around it confirms the service' };
  }
}

function differing(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  return x.reduce((n, c, i) => n + (c === y[i] ? 0 : 1), 0);
}

/** Replaces the taken candidates by their terms (left to right, no overlaps). */
export function applyCandidates(text: string, candidates: SoundCandidate[]): string {
  const chars = [...text];
  const taken = candidates.filter((c) => c.taken).sort((a, b) => a.at - b.at || b.seen.length - a.seen.length);
  let out = '';
  let i = 0;
  for (const c of taken) {
    if (c.at < i) continue;
    out += chars.slice(i, c.at).join('') + c.term;
    i = c.at + [...c.seen].length;
  }
  return out + chars.slice(i).join('');
}
