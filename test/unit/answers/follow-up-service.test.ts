import { describe, expect, it } from 'vitest';
import { loadRenderContext } from '../../../src/answers/answer-phrases.js';
import { faqAcrossServices } from '../../../src/answers/fact-match.js';
import { loadRetrievalWords } from '../../../src/answers/facts.js';
import { ruleAnswerOf } from '../../../src/answers/handlers/policy.js';
import { asksWhatIsMissing, materialAnswer, materialListPending } from '../../../src/answers/material-question.js';
import { talkedServiceReader } from '../../../src/answers/rule-question.js';
import { loadServiceTemplates } from '../../../src/answers/service-template.loader.js';
import type { ServiceId } from '../../../src/answers/service-template.schema.js';

/** Issue 11f, on the real templates/ data: which service a follow-up is about, and questions asked mid-checklist. */
const retrieval = loadRetrievalWords('templates');
const render = loadRenderContext('templates');
const templates = loadServiceTemplates('templates');
const t = (id: ServiceId) => templates.get(id)!;
const keeps = talkedServiceReader('templates');

describe('the service talked of keeps a follow-up', () => {
  it('when the other service is found only by sound ("可以申请" is not 依申请公开)', () => {
    expect(keeps('那要什么情况才可以申请嘛', 'yishenqing', 'dabing')).toBe(true);
  });

  it('when the message names a group its own conditions mention and one of its FAQ entries asks just that', () => {
    expect(keeps('家里不是五保户 也可以申请吗', 'wubao', 'dabing')).toBe(true);
  });

  it('not when the message switches topic by the other service’s name', () => {
    expect(keeps('那五保要带啥材料', 'wubao', 'dabing')).toBe(false);
    expect(keeps('依申请公开要多久答复', 'yishenqing', 'sanzi')).toBe(false);
    expect(keeps('低保要什么条件', 'dibao', 'wangshang')).toBe(false);
  });

  it('while a checklist waits, a cue word alone does not move it; a name does', () => {
    expect(keeps('住院的发票丢了一张', 'dabing', 'dibao', true)).toBe(true);
    expect(keeps('大病救济要多久', 'dabing', 'dibao', true)).toBe(false);
  });
});

describe('specific questions in a checklist follow-up', () => {
  it('a count or an original/copy question is read as a question (retrieval.yml specificCues)', () => {
    expect(retrieval.asksSpecific('相片要几张')).toBe(true);
    expect(retrieval.asksSpecific('镇卫生院开的证明要得不')).toBe(true);
    expect(retrieval.asksSpecific('户口本要原件不')).toBe(true);
    expect(retrieval.asksSpecific('我有身份证和户口本 还缺什么')).toBe(false);
    expect(retrieval.asksSpecific('身份证有了 照片还没照')).toBe(false);
    // "还差多少" asks for the list, whatever its 多少
    expect(asksWhatIsMissing(retrieval.standard('我只有身份证 还差多少'))).toBe(true);
    expect(asksWhatIsMissing(retrieval.standard('照片要几张'))).toBe(false);
  });

  it('a material named gets its own line; a count the rules do not give is not guessed', () => {
    const photos = materialAnswer(t('shiye'), retrieval.standard('寸照要交几张'), render);
    expect(photos).toMatchObject({ known: true });
    expect(photos?.text).toContain('2份');
    expect(materialAnswer(t('dabing'), retrieval.standard('发票要几张'), render)).toMatchObject({ known: false });
    expect(materialAnswer(t('dabing'), retrieval.standard('要多久'), render)).toBeUndefined();
  });

  it('the seeds’ answer for the photos and the county-level diagnosis', () => {
    expect(ruleAnswerOf({ retrieval, render }, '照片到底要几张', t('shiye'))?.text).toContain('两张');
    expect(ruleAnswerOf({ retrieval, render }, '村卫生室开的诊断证明算不算', t('dabing'))?.text).toContain('县级以上');
  });
});

describe('what the seeds leave open', () => {
  it('an FAQ answer that waits on a placeholder is marked pending (said with a person offered)', () => {
    const posting = ruleAnswerOf({ retrieval, render }, '张榜公布要贴几天', t('jiuzai'));
    expect(posting).toMatchObject({ faq: true, pending: true });
    expect(posting?.text).toContain('没有写明');
    expect(posting?.text).not.toContain('待管理员填写');
  });

  it('a checklist whose material list is a pending placeholder still waits for the villager', () => {
    expect(materialListPending(t('canji'))).toBe(true);
    expect(materialListPending(t('dibao'))).toBe(false);
    expect(materialListPending(t('sanzi'))).toBe(false);
  });

  it('with no service known, an FAQ entry held whole by one service answers (the 约谈 rule)', () => {
    const hit = faqAcrossServices(retrieval.standard('约谈改了一次还能再改吗'), templates.values(), render, retrieval);
    expect(hit?.t.id).toBe('xinfang');
    expect(faqAcrossServices(retrieval.standard('要多久'), templates.values(), render, retrieval)).toBeUndefined();
  });
});
