import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadIntentData } from '../../../src/nlu/data.js';
import { ReportTexts } from '../../../src/reports/index.js';

const texts = ReportTexts.load();

describe('templates/reports.yml holds every sentence the report code uses', () => {
  it('has each key that src/reports renders, and the keys built at run time', () => {
    const used = new Set<string>(['change.up', 'change.down', 'change.same', 'change.new', 'attention_repeated_service', 'attention_repeated_office', 'intent.unclassified']);
    for (const file of readdirSync('src/reports')) {
      const code = readFileSync(`src/reports/${file}`, 'utf8');
      for (const m of code.matchAll(/render\('([\w.]+)'/g)) if (m[1]) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((k) => !texts.has(k))).toEqual([]);
  });

  it('labels every intent of intents/ and every case kind in Chinese', () => {
    const intents = loadIntentData('intents').intents.map((i) => i.id); // not every file in intents/ is an intent
    expect(intents.filter((id) => texts.intent(id) === id)).toEqual([]);
    for (const kind of ['complaint', 'handoff', 'disclosure', 'petition']) expect(texts.kind(kind)).toMatch(/\p{Script=Han}/u);
    expect(texts.service('dibao')).toBe('最低生活保障（低保）');
    expect(texts.service(undefined)).toBe('未分类');
    expect(texts.office('zongzhi')).toMatch(/综治/);
  });
});
