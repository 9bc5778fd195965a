import { describe, expect, it } from 'vitest';
import { loadRenderContext } from '../../../src/answers/answer-phrases.js';
import { loadRetrievalWords } from '../../../src/answers/facts.js';
import { ruleAnswerOf } from '../../../src/answers/handlers/policy.js';
import { ruleQuestionReader, serviceClaimReader } from '../../../src/answers/rule-question.js';
import { loadServiceTemplates } from '../../../src/answers/service-template.loader.js';
import type { ServiceId } from '../../../src/answers/service-template.schema.js';

/** Rule questions in the villager's words, answered from the real templates/ data (issue 11). */
const retrieval = loadRetrievalWords('templates');
const deps = { retrieval, render: loadRenderContext('templates') };
const templates = loadServiceTemplates('templates');
const answer = (service: ServiceId, text: string) => ruleAnswerOf(deps, text, templates.get(service)!);

describe('questions read in standard words', () => {
  it('rewrites dialect time and person words before matching (好久 → 多久, 几耐 → 多久, 边个 → 谁)', () => {
    expect(retrieval.standard('那要好久')).toContain('多久');
    expect(retrieval.standard('几耐先有结果')).toContain('多久');
    expect(retrieval.standard('系边个批')).toContain('谁批');
  });

  it('tells a question from an answer', () => {
    expect(retrieval.isQuestion('每一步要好久')).toBe(true);
    expect(retrieval.isQuestion('批下来了钱咋个领')).toBe(true);
    expect(retrieval.isQuestion('是东岭村的 上个月')).toBe(false);
    expect(retrieval.isQuestion('我只有身份证和户口本')).toBe(false);
  });
});

describe('the rule that answers the question', () => {
  it('a colloquial time question gets every time limit of the service', () => {
    const a = answer('dibao', '那每一步要好久');
    expect(a?.text).toContain('10天内');
    expect(a?.text).toContain('15天');
  });

  it('a long question in the villager’s words finds the FAQ entry by its distinctive words', () => {
    expect(answer('dibao', '我家里吃低保 女儿在城里上班挣钱了 会不会给我们停了')?.text).toContain('动态管理');
    expect(answer('dabing', '我老表骑摩托摔伤了 住院花了两万多 也能申请不')?.text).toContain('不列入');
  });

  it('generic words alone (多长时间, 批) do not pick an FAQ entry over the time limits', () => {
    const a = answer('dibao', '那批下来要多长时间');
    expect(a?.faq).toBe(false);
    expect(a?.text).toContain('10天内');
  });

  it('two aspects asked in one message are both answered', () => {
    const a = answer('xinfang', '要延期的话能延多长时间 谁批');
    expect(a?.text).toContain('镇长');
    expect(a?.text).toContain('30日');
  });

  it('a question the rules on file do not cover has no rule answer', () => {
    expect(answer('dibao', '低保户去世了以后房子归哪家')).toBeUndefined();
  });
});

describe('for the router', () => {
  const asksRule = ruleQuestionReader('templates');
  const claims = serviceClaimReader('templates');

  it('a question the service’s rules answer is a rule question; a statement is not', () => {
    expect(asksRule('按规定镇上几天要核查完', 'dibao')).toBe(true);
    expect(asksRule('是东岭村的 上个月', 'dibao')).toBe(false);
  });

  it('a redirect word that is one of the service’s materials belongs to the service; one its cue only suggests does not', () => {
    expect(claims('身份证户口本都有了', '户口本', 'shiye')).toBe(true);
    expect(claims('住院花了三万 医保报销找哪个', '医保报销', 'dabing')).toBe(false);
    expect(claims('大病救济和医保报销能一起办吗', '医保报销', 'dabing')).toBe(true);
  });
});
