import { describe, expect, it } from 'vitest';
import { loadServiceTemplates } from '../../../src/answers/service-template.loader.js';
import {
  ASPECTS, detectAspect, InternalTemplateError, renderPolicyAnswer, type Aspect,
} from '../../../src/answers/render-policy.js';
import { renderChecklist, renderMissing } from '../../../src/answers/render-checklist.js';
import { isSendableToVillagers, needsReview, type ServiceTemplate } from '../../../src/answers/service-template.schema.js';
import { loadOffices } from '../../../src/answers/service-template.loader.js';
import { expectedText, seedText, syntheticTemplate } from './helpers.js';
import { defaultRenderContext } from '../../../src/answers/answer-phrases.js';
import { factsOf } from '../../../src/answers/facts.js';

const templates = loadServiceTemplates('templates');
const offices = loadOffices('templates');
const all = [...templates.values()];

/** What an answer about `aspect` must contain, read straight from the data. */
function expectedContent(t: ServiceTemplate, aspect: Aspect): string[] {
  const x = (s: string) => expectedText(t, s);
  switch (aspect) {
    case 'eligibility': return t.eligibility.map(x);
    case 'materials': return [...t.materials.map((m) => x(m.name)), ...(t.materialsNote ? [x(t.materialsNote)] : [])];
    case 'procedure': return t.procedure.map((s) => x(s.step));
    case 'timeLimit': return t.timeLimits.flatMap((l) => [x(l.what), x(l.limit)]);
    case 'where': return [offices.get(t.office)!.name];
    case 'fee': return [x(t.fee)];
    case 'standard': return t.standards.map(x);
    case 'approver': return t.approver ? [x(t.approver)] : [];
    case 'basis': return t.legalBasis.map((b) => b.article);
  }
}

describe('detectAspect', () => {
  it.each<[string, Aspect | undefined]>([
    ['低保申请条件是什么', 'eligibility'],
    ['我符合五保吗', 'eligibility'],
    ['办残疾证要带啥材料', 'materials'],
    ['怎么办理低保需要带什么', 'materials'],
    ['大病救济的流程', 'procedure'],
    ['失业证怎么办', 'procedure'],
    ['低保要多久才批下来', 'timeLimit'],
    ['信访几天答复', 'timeLimit'],
    ['民政办在哪', 'where'],
    ['民政办电话多少', 'where'],
    ['几点上班', 'where'],
    ['办失业证收费吗', 'fee'],
    ['要多少钱', 'fee'],
    ['低保标准是多少', 'standard'],
    ['一个月发多少', 'standard'],
    ['低保谁审批', 'approver'],
    ['依据哪个文件', 'basis'],
    ['低保?', undefined],
    ['五保', undefined],
  ])('%s → %s', (text, aspect) => {
    expect(detectAspect(text)).toBe(aspect);
  });
});

describe.each(all.map((t) => [t.id, t] as const))('renderPolicyAnswer %s', (_id, t) => {
  it.each(ASPECTS)('answers the %s aspect with its content', (aspect) => {
    const answer = renderPolicyAnswer(t, aspect);
    const expected = expectedContent(t, aspect);
    if (expected.length === 0) expect(answer).toContain(offices.get(t.office)!.name);
    for (const piece of expected) expect(answer).toContain(piece);
  });

  it('gives an overview of the bare topic plus what else can be asked', () => {
    const answer = renderPolicyAnswer(t);
    expect(answer).toContain(expectedText(t, t.summary));
    expect(answer).toContain('办理流程');
    expect(answer).toContain(`${t.name}一次性告知`);
  });

  it('never shows an admin marker or a number that is not in the seeds', () => {
    const seeds = seedText();
    const outputs = [
      ...ASPECTS.map((a) => renderPolicyAnswer(t, a)), renderPolicyAnswer(t),
      ...renderChecklist(t), ...renderMissing(t, []), ...renderMissing(t, t.materials.map((m) => m.id)),
      // FAQ answers (issue 11f: a placeholder may be used only there, "张榜公布几天")
      ...factsOf(t, defaultRenderContext()).filter((f) => f.faq).map((f) => f.answer),
    ].join('\n');
    expect(outputs).not.toContain('待管理员填写');
    expect(outputs).not.toMatch(/\{\w+\}/);
    // "（003 民政工作有关制度 三(五)）" in an FAQ answer cites a seed file (000 … 004), it is no figure
    for (const n of (outputs.match(/\d+/g) ?? []).filter((x) => !/^00[0-4]$/.test(x))) expect(seeds, `number ${n} in ${t.id}`).toContain(n);
    const used = Object.entries(t.placeholders);
    for (const [, p] of used) expect(outputs).toContain(p.confirm);
  });
});

describe('seed figures reach the villager', () => {
  const answer = (id: string, aspect: Aspect) => renderPolicyAnswer(templates.get(id as ServiceTemplate['id'])!, aspect);
  it('低保: 10 days at the township, 15 days at the county, amount left to the office', () => {
    expect(answer('dibao', 'timeLimit')).toMatch(/镇民政办核查：自收到申请之日起10天内/);
    expect(answer('dibao', 'timeLimit')).toMatch(/县民政局审批：15天内/);
    expect(answer('dibao', 'standard')).toContain('具体标准和金额请以镇民政办公布为准');
  });
  it('信访: 15 / 60 / +30 days; 依申请公开: 5 and 15 working days; 招投标: 7 days', () => {
    expect(answer('xinfang', 'timeLimit')).toMatch(/15日内书面告知[\s\S]*60日内办结[\s\S]*不超过30日/);
    expect(answer('yishenqing', 'timeLimit')).toMatch(/5个工作日内[\s\S]*15个工作日/);
    expect(answer('zhaotoubiao', 'timeLimit')).toContain('满7日');
  });
  it('大病救济 lists ID card and household register as copies', () => {
    expect(answer('dabing', 'materials')).toMatch(/本人身份证（复印件）[\s\S]*户口本（复印件）/);
  });
});

describe('categories', () => {
  it('exposes category so callers can hold town material for review', () => {
    expect(templates.get('dibao')!.category).toBe('policy');
    expect(needsReview(templates.get('sanzi')!)).toBe(true);
    expect(needsReview(templates.get('zhaotoubiao')!)).toBe(true);
    expect(all.every(isSendableToVillagers)).toBe(true);
  });

  it('refuses to render an internal template for villagers', () => {
    const internal = syntheticTemplate({ category: 'internal', summary: '内部资料' });
    expect(isSendableToVillagers(internal)).toBe(false);
    expect(() => renderPolicyAnswer(internal)).toThrow(InternalTemplateError);
    expect(() => renderChecklist(internal)).toThrow(InternalTemplateError);
    expect(() => renderMissing(internal, [])).toThrow(InternalTemplateError);
  });
});
