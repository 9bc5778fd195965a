import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNlu, serviceLabel, validateIntentData, type Nlu } from '../../../src/nlu/index.js';
import { evaluate, type GoldLine } from '../../../src/nlu/evaluate.js';

let nlu: Nlu;
beforeAll(() => {
  nlu = loadNlu('intents');
});

describe('intent data', () => {
  it('is valid', () => {
    expect(validateIntentData('intents')).toEqual([]);
  });

  it('reports problems in a broken directory', () => {
    expect(validateIntentData('test/unit/nlu/fixtures/no-such-dir')[0]).toMatch(/cannot read/);
  });

  it('gives Chinese service labels and knows every service', () => {
    expect(serviceLabel('dibao')).toContain('低保');
    expect(nlu.services).toHaveLength(13);
    expect(nlu.intents).toContain('out_of_scope');
  });
});

describe('classify', () => {
  it('reads dialect, typos and traditional characters', () => {
    const a = nlu.classify('俺娘想办个残急证 得拿啥东西去');
    expect([a.intent, a.service]).toEqual(['checklist', 'canji']);
    const b = nlu.classify('低包一个月能给多少');
    expect([b.intent, b.service]).toEqual(['policy_query', 'dibao']);
    const c = nlu.classify('我想申請五保 要準備什麼');
    expect([c.intent, c.service]).toEqual(['checklist', 'wubao']);
    expect(nlu.classify('大兵救济咋申请').service).toBe('dabing');
  });

  it('extracts a case number and treats the message as a progress query', () => {
    const r = nlu.classify('查一下Ｔ20261118-0032');
    expect(r.intent).toBe('progress_query');
    expect(r.entities.caseNumbers).toEqual(['T20261118-0032']);
  });

  it('says why', () => {
    const r = nlu.classify('低保名单在哪看');
    expect(r.why.some((w) => w.includes('service dibao'))).toBe(true);
  });
});

describe('context-dependent readings', () => {
  it('"满意" is confident feedback only when a satisfaction question is pending', () => {
    const asked = nlu.classify('满意', { pending: 'satisfaction' });
    expect(asked.intent).toBe('feedback');
    expect(asked.shouldClarify).toBe(false);
    const cold = nlu.classify('满意');
    expect(cold.intent === 'feedback' && !cold.shouldClarify).toBe(false);
  });

  it('"户口本也有" continues a checklist only after one, keeping its service', () => {
    // the checklist flow reads the materials itself (src/answers/handlers/pending-checklist.ts); the reading keeps it there
    const after = nlu.classify('户口本也有', { pending: 'checklist', lastService: 'dibao' });
    expect([after.intent, after.service, after.shouldClarify]).toEqual(['checklist', 'dibao', false]);
    expect(nlu.classify('身份证有了', { pending: 'checklist', lastService: 'dibao' }).service).toBe('dibao');
    const cold = nlu.classify('户口本也有');
    expect(cold.intent === 'checklist' && !cold.shouldClarify).toBe(false);
  });

  it('details given during complaint intake stay a complaint', () => {
    expect(nlu.classify('他姓李 是村里的会计', { pending: 'complaint_intake' }).intent).toBe('complaint');
  });

  it('a pending state does not swallow an unrelated message', () => {
    expect(nlu.classify('谢谢 再见', { pending: 'checklist' }).intent).toBe('thanks_bye');
    expect(nlu.classify('转人工', { pending: 'satisfaction' }).intent).toBe('handoff');
  });
});

describe('clarification', () => {
  it('asks, offering the two likeliest readings, when the message is ambiguous', () => {
    // without a pending question, feedback is capped below the clarify threshold, so this always asks
    const asked = nlu.classify('满意');
    expect(asked.shouldClarify).toBe(true);
    expect(asked.confidence).toBeLessThan(0.5);
    expect(asked.top[0]?.intent).toBe(asked.intent);
    expect(asked.top[1]?.intent).not.toBe(asked.intent);
    expect(asked.why.some((w) => w.startsWith('clarify:'))).toBe(true);
  });

  it('does not ask when the message is clear', () => {
    const r = nlu.classify('办残疾证需要带哪些材料');
    expect(r.shouldClarify).toBe(false);
    expect(r.confidence).toBeGreaterThan(0.6);
  });

  it('orders top by score and its scores sum to one', () => {
    const r = nlu.classify('村干部收钱才给办低保');
    const sum = r.top.reduce((a, t) => a + t.score, 0);
    expect(sum).toBeCloseTo(1, 5);
    expect(r.top[0]?.score).toBe(r.confidence);
  });
});

describe('held-out smoke check (our own lines, not the shared dev set)', () => {
  it('reaches a decent accuracy with few confident mistakes', () => {
    const lines = readFileSync('test/unit/nlu/fixtures/heldout.jsonl', 'utf8').trim().split('\n')
      .map((l) => JSON.parse(l) as GoldLine);
    const { summary } = evaluate(nlu, lines);
    expect(summary.intentAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(summary.confidentlyWrongRate).toBeLessThanOrEqual(0.05);
  });
});
