/**
 * Deterministic randomness and a pool of hostile values for the fuzz corpus (issue 13).
 * mulberry32: small, fast, and the same sequence for the same seed on every machine.
 */
import { random } from '../../src/nlu/model.js';

export type Rng = () => number;

/** The project's own seeded PRNG (mulberry32, src/nlu/model.ts): the same corpus for the same seed everywhere. */
export function mulberry32(seed: number): Rng {
  return random(seed);
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** A phone and an ID number that must never come back unmasked in a log line. */
export const PHONE = '13812345678';
export const ID_NUMBER = '110101199003077777';

export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\u0000', '\u0000\u0001\u001f', '\t\r\n', 'a'.repeat(3000), '𠮷'.repeat(300), '\ud800', '\udfff\ud800',
  '<script>alert(1)</script>', '${jndi:ldap://127.0.0.1/x}', '../../../../etc/passwd', "'; DROP TABLE turns; --",
  '{"$gt":""}', '$where', '__proto__', 'constructor', 'prototype', '\u202e\u2066', ']]>', '<![CDATA[', '<!DOCTYPE x [<!ENTITY a "b">]>',
  '%s%s%s%n', '{{7*7}}', 'NaN', 'Infinity', '-0', '1e300', '0x41', 'null', 'undefined', 'true',
  `我的电话${PHONE}，身份证${ID_NUMBER}`, `投诉村干部 ${PHONE}`, '删除我的记录', '确认删除', '人工', '低保怎么申请', 'T20261120-0007',
  '/start', '@nonglian_test_bot', '帮助', '\u3000\u3000', '😀'.repeat(50),
];

export const HOSTILE_NUMBERS: readonly number[] = [0, -1, 1.5, 1e300, -1e300, 2 ** 53 + 1, 2 ** 31, -(2 ** 63), 4294967296, 1e-300];

/** Any JSON value that is wrong somewhere. */
export function hostileValue(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (r < 0.35) return pick(rng, HOSTILE_STRINGS);
  if (r < 0.55) return pick(rng, HOSTILE_NUMBERS);
  if (r < 0.6) return pick(rng, [true, false]);
  if (r < 0.7) return null;
  if (r < 0.8) return depth > 2 ? [] : [null, hostileValue(rng, depth + 1)];
  if (r < 0.9) return depth > 2 ? {} : { $gt: '', __proto__x: hostileValue(rng, depth + 1) };
  return pick(rng, [[], {}, [null], { length: -1 }, { $where: 'sleep(1000)' }]);
}

/** Bodies that are not the expected JSON at all. */
export function hostileRawBody(rng: Rng): string {
  return pick(rng, [
    '', 'null', '[]', '"text"', '{', '{"a":', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}',
    '['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000), '\u0000\u0001', '<xml></xml>',
    JSON.stringify({ text: 'x'.repeat(40_000) }), 'a=1&b=2', '\ufeff{}', '{"text": "\\ud800"}',
  ]);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string, unknown>)[k], [...prefix, k]))];
}

function setAt(root: Json, path: string[], value: unknown, remove: boolean): Json {
  if (path.length === 0) return value as Json;
  let node = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (remove) delete node[last];
  else node[last] = value;
  return root;
}

/** A valid payload with one to three fields broken (replaced, removed, or retyped). */
export function mutateJson(template: unknown, rng: Rng): unknown {
  let out = JSON.parse(JSON.stringify(template)) as Json;
  const edits = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < edits; i++) {
    const all = paths(out);
    const path = pick(rng, all.length > 1 ? all.slice(1) : all);
    out = setAt(out, path, hostileValue(rng), chance(rng, 0.2));
  }
  return out;
}

/** A valid payload whose string fields (the text a villager types, ids) get hostile strings. */
export function mutateStrings(template: unknown, rng: Rng): unknown {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return chance(rng, 0.4) ? pick(rng, HOSTILE_STRINGS) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(template);
}
