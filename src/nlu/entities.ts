import { foldWidth } from './normalize.js';
import type { Entities, Span } from './types.js';

// Spans are computed on foldWidth(text), which maps every UTF-16 unit 1:1, so they index the original text too.
const CASE_NUMBER = /(?<![A-Za-z0-9])[Tt](\d{8})\s?-\s?(\d{4})(?!\d)/g;
const MOBILE = /(?<![\d])1[3-9]\d[\dxX*]{4}\d{4}(?!\d)/g;
const LANDLINE = /(?<![\d])0\d{2,3}-\d{7,8}(?!\d)/g;
const ID_LIKE = /(?<![\d])\d{17}[\dXx](?!\d)/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A resident ID number (公民身份号码, GB 11643): 18 chars, real birth date, ISO 7064 MOD 11-2 check char. */
export function isValidIdNumber(value: string): boolean {
  const id = foldWidth(value).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id) || !isRealDate(id.slice(6, 14))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === id[17];
}

function spans(folded: string, original: string, pattern: RegExp): Span[] {
  const out: Span[] = [];
  for (const m of folded.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    out.push({ value: original.slice(start, end), start, end });
  }
  return out;
}

const overlaps = (a: Span, list: Span[]): boolean => list.some((b) => a.start < b.end && b.start < a.end);

/** Every 18-character ID lookalike and every phone number, valid or not (for masking). */
function personalSpans(text: string): { ids: Span[]; phones: Span[] } {
  const folded = foldWidth(text);
  const ids = spans(folded, text, ID_LIKE);
  const phones = [...spans(folded, text, MOBILE), ...spans(folded, text, LANDLINE)]
    .filter((p) => !overlaps(p, ids))
    .sort((a, b) => a.start - b.start);
  return { ids, phones };
}

/** Case numbers (T20261120-0007, full-width accepted, returned half-width), phones, valid ID numbers. */
export function extractEntities(text: string): Entities {
  const folded = foldWidth(text);
  const caseNumbers = [...folded.matchAll(CASE_NUMBER)].map((m) => `T${m[1] ?? ''}-${m[2] ?? ''}`);
  const { ids, phones } = personalSpans(text);
  return { caseNumbers, phones, idNumbers: ids.filter((s) => isValidIdNumber(s.value)) };
}

function maskSpan(value: string, keepStart: number, keepEnd: number): string {
  const chars = [...value];
  return chars.map((c, i) => (i < keepStart || i >= chars.length - keepEnd ? c : '*')).join('');
}

/** Masks phones as 138****5678 and ID numbers (valid or lookalike) as 110***********1234. */
export function maskPersonalData(text: string): string {
  const { ids, phones } = personalSpans(text);
  const all = [...ids.map((s) => ({ s, keep: 3 })), ...phones.map((s) => ({ s, keep: 3 }))]
    .sort((a, b) => b.s.start - a.s.start);
  let out = text;
  for (const { s, keep } of all) {
    const isMobile = /^1/.test(foldWidth(s.value));
    const masked = isMobile || s.value.length === 18 ? maskSpan(s.value, keep, 4) : maskSpan(s.value, 4, 2);
    out = out.slice(0, s.start) + masked + out.slice(s.end);
  }
  return out;
}
