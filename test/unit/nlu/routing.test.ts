import { beforeAll, describe, expect, it } from 'vitest';
import { loadNlu, type Nlu } from '../../../src/nlu/index.js';

/** Misroutes found by integration in real conversations (each with and without context where it matters). */
let nlu: Nlu;
beforeAll(() => {
  nlu = loadNlu('intents');
});

const read = (text: string, context?: Parameters<Nlu['classify']>[1]) => {
  const r = nlu.classify(text, context);
  return { intent: r.intent, service: r.service, asks: r.shouldClarify };
};

describe('"<service>一次性告知", the phrase our answers tell villagers to type', () => {
  it.each([
    ['低保一次性告知', 'dibao'], ['残疾证一次性告知', 'canji'], ['网上办事一次性告知', 'wangshang'],
    ['信访一次性告知', 'xinfang'], ['村级招投标一次性告知', 'zhaotoubiao'],
  ])('%s is a confident checklist for %s', (text, service) => {
    expect(read(text)).toEqual({ intent: 'checklist', service, asks: false });
  });

  it('a complaint that mentions 一次性告知 stays a complaint', () => {
    expect(read('跑了三趟了 一次性告知根本没做到').intent).toBe('complaint');
  });
});

describe('follow-ups that rely on the last service', () => {
  it.each([['那要多久呢', 'policy_query'], ['那要带啥', 'checklist'], ['在哪办', 'contact']])(
    '%s after a 低保 question → %s about 低保', (text, intent) => {
      expect(read(text, { lastService: 'dibao' })).toMatchObject({ intent, service: 'dibao' });
      const cold = read(text);
      expect(cold.intent).toBe(intent);
      expect(cold.service).toBeUndefined();
    });

  it('a named service wins over the last one', () => {
    expect(read('五保要带啥', { lastService: 'dibao' }).service).toBe('wubao');
  });

  it('small talk does not pick up the last service', () => {
    expect(read('谢谢 再见', { lastService: 'dibao' })).toMatchObject({ intent: 'thanks_bye', service: undefined });
  });
});

describe('single misroutes', () => {
  it('"我想问个政策" is a policy question, never a confident help', () => {
    const r = read('我想问个政策');
    expect(r.intent === 'help' && !r.asks).toBe(false);
    expect(r.intent).toBe('policy_query');
  });

  it.each(['我的投诉', '我的投诉咋样了', '我反映的事有结果没'])('%s asks about one\'s own case → progress_query', (text) => {
    expect(read(text)).toMatchObject({ intent: 'progress_query', asks: false });
  });

  it('filing a complaint is still a complaint', () => {
    expect(read('我要投诉').intent).toBe('complaint');
  });

  it.each(['我要信访', '我想上访', '我要反映情况 去县里信访'])('%s is a petition: complaint about xinfang', (text) => {
    expect(read(text)).toEqual({ intent: 'complaint', service: 'xinfang', asks: false });
  });

  it('what to bring to a petition stays a checklist', () => {
    expect(read('信访要带什么材料')).toEqual({ intent: 'checklist', service: 'xinfang', asks: false });
  });

  it.each(['改时间', '换个时间', '约谈改到下周'])('%s reschedules an interview', (text) => {
    expect(read(text)).toMatchObject({ intent: 'interview', asks: false });
  });
});

describe('bare confirmations during complaint intake', () => {
  // the intake reads the confirmation itself (src/dialogue/reply.ts); the classifier must not pull it elsewhere
  it.each(['对', '是的', '没错', '确认', '可以'])('%s confirms the complaint being taken', (text) => {
    const r = read(text, { pending: 'complaint_intake', lastService: 'dibao' });
    expect([r.intent, r.service]).toEqual(['complaint', 'dibao']);
  });

  it('without the pending intake they are not read as a complaint', () => {
    for (const text of ['对', '是的', '可以']) expect(read(text).intent).not.toBe('complaint');
    expect(read('可以').intent).toBe('thanks_bye');
  });
});
