import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ANSWER_FLOW_KEYS } from '../../../src/answers/feature.js';

describe('templates/answers.yml', () => {
  it('has every phrase the answer handlers use', () => {
    const phrases = parse(readFileSync('templates/answers.yml', 'utf8')) as Record<string, unknown>;
    const missing = ANSWER_FLOW_KEYS.filter((k) => typeof phrases[k] !== 'string' || !(phrases[k] as string).trim());
    expect(missing).toEqual([]);
  });
});
