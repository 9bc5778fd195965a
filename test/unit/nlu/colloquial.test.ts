import { beforeAll, describe, expect, it } from 'vitest';
import { ColloquialRewriter } from '../../../src/nlu/colloquial.js';
import { loadIntentData } from '../../../src/nlu/data.js';
import { loadNlu, type Nlu } from '../../../src/nlu/index.js';

const table = new ColloquialRewriter(loadIntentData('intents').colloquial.rewrites);
let nlu: Nlu;
beforeAll(() => {
  nlu = loadNlu('intents');
});
const notes = (text: string) => nlu.classify(text).why.filter((w) => /^(dialect|sound-alike)/.test(w));

describe('the dialect table (intents/colloquial.yml)', () => {
  it('rewrites Southwestern Mandarin to the standard words and lists every rewrite', () => {
    const r = table.rewrite('屋头老汉儿腿脚不得行了 残疾证咋个整');
    expect(r.text).toBe('家里父亲腿脚不行了 残疾证怎么办');
    expect(r.applied).toEqual([
      { from: '屋头', to: '家里' }, { from: '老汉儿', to: '父亲' }, { from: '不得行', to: '不行' }, { from: '咋个整', to: '怎么办' },
    ]);
  });

  it('keeps the exceptions and rewrites context-bound words only in their context', () => {
    expect(table.rewrite('庄稼遭灾了').text).toBe('庄稼遭灾了');
    expect(table.rewrite('钱遭扣了').text).toBe('钱被扣了');
    expect(table.rewrite('这事哪个管').text).toBe('这事谁管');
    expect(table.rewrite('去哪个窗口').text).toBe('去哪个窗口');
    expect(table.rewrite('低保一个月好多钱').text).toBe('低保一个月多少钱');
  });

  it('shows each rewrite in why', () => {
    expect(notes('低保好多钱 我不晓得')).toEqual(expect.arrayContaining(['dialect "好多钱"→"多少钱"', 'dialect "晓得"→"知道"']));
  });
});

describe('sound-alike candidates (pinyin)', () => {
  it('takes a slip of a service name when the context confirms it, and says so', () => {
    const a = nlu.classify('心访办在哪');
    expect(a.service).toBe('xinfang');
    expect(a.why).toContain('sound-alike "心访"≈"信访" (xin fang) taken: confirmed by "办"');
    const b = nlu.classify('地保咋申请');
    expect(b.service).toBe('dibao');
    expect(b.why.some((w) => w.startsWith('sound-alike "地保"≈"低保"') && w.includes('taken'))).toBe(true);
    expect(nlu.classify('5保要准备啥子材料').service).toBe('wubao');
    expect(nlu.classify('canjizheng咋办').service).toBe('canji');
  });

  it('leaves the everyday word 就在 alone unless the message is about disasters', () => {
    const plain = nlu.classify('我就在村口等你');
    expect(plain.service).toBeUndefined();
    expect(plain.why).toContain('sound-alike "就在"≈"救灾" (jiu zai) not taken: an everyday word, and nothing else points to that service');
    const home = nlu.classify('我家就在镇上 低保咋申请');
    expect(home.service).toBe('dibao');
    expect(home.why.some((w) => w.startsWith('sound-alike "就在"') && w.includes('not taken'))).toBe(true);
    const disaster = nlu.classify('房子被大水冲垮了 就在补助什么时候发');
    expect(disaster.service).toBe('jiuzai');
    expect(disaster.why.some((w) => w.startsWith('sound-alike "就在"≈"救灾"') && w.includes(' taken: the message also points to jiuzai'))).toBe(true);
  });

  it('is switched off for the ablation without touching anything else', () => {
    const off = loadNlu('intents', { soundAlike: false });
    expect(off.classify('心访办在哪').why.some((w) => w.startsWith('sound-alike'))).toBe(false);
  });
});

describe('contrastive readings (the issue\'s own examples)', () => {
  it.each([
    ['屋头老汉儿腿脚不得行了 残疾证咋个整', 'checklist', 'canji'],
    ['我真的急得很 低保要等好久才批得下来嘛', 'policy_query', 'dibao'],
    ['礼拜六开门不', 'contact', undefined],
    ['民政办中午有人不', 'contact', undefined],
    ['残疾人补贴能不能改成按月打卡上 一年一发等不起', 'suggestion', 'canji'],
    ['去年村里修路花了好多 账本拿出来看看嘛', 'info_disclosure', undefined],
  ])('%s → %s', (text, intent, service) => {
    const c = nlu.classify(text);
    expect(c.intent).toBe(intent);
    if (service) expect(c.service).toBe(service);
  });
});
