import { describe, expect, it } from 'vitest';
import { ReplyReader } from '../../../src/dialogue/reply.js';

const reader = ReplyReader.load('templates');

describe('one understanding of replies (templates/replies.yml)', () => {
  it.each([
    '对', '对的 就这样', '嗯嗯 提交吧', '对头', '要得', '要得要得', '嗯嗯', '可以可以', '就这样 提交吧', '没问题，麻烦你们了',
    '是的是的', '中', '行吧', '没错！', 'OK', '对滴', '确认提交', '好嘞', '得行',
  ])('%s is a confirmation', (text) => {
    expect(reader.read(text)).toEqual({ kind: 'confirm', done: false });
  });

  it('好的谢谢 is a confirmation that also thanks (an offer of a person takes it as a polite no)', () => {
    expect(reader.read('好的谢谢')).toEqual({ kind: 'confirm', done: false, thanks: true });
    expect(reader.read('行 就这么提交')).toEqual({ kind: 'confirm', done: false });
  });

  it.each(['就这些', '没了', '莫得了', '没有了。', '就这么多', '别的没了'])('%s says "that is all"', (text) => {
    expect(reader.read(text)).toEqual({ kind: 'confirm', done: true });
  });

  it.each([
    ['1', 0], ['2', 1], ['第一个', 0], ['第二个', 1], ['对 第二个', 1], ['第3个', 2], ['三号', 2], ['前面那个', 0], ['后面那个吧', 1],
    ['选2', 1], ['就第一个吧', 0], ['最后一个', 2],
  ] as const)('%s picks option %i', (text, index) => {
    expect(reader.read(text, ['甲', '乙', '丙'])).toEqual({ kind: 'choose', index });
  });

  it('picks an option by its own words', () => {
    expect(reader.read('材料', ['了解残疾证的政策规定', '办理残疾证、问要带哪些材料'])).toEqual({ kind: 'choose', index: 1 });
    expect(reader.read('政策', ['了解残疾证的政策规定', '办理残疾证、问要带哪些材料'])).toEqual({ kind: 'choose', index: 0 });
  });

  it.each(['算了', '算了吧 不弄了', '不投诉了', '取消'])('%s cancels', (text) => {
    expect(reader.read(text).kind).toBe('cancel');
  });

  it('tells a correction, an addition and a person apart', () => {
    expect(reader.read('不对 是上个月的事')).toEqual({ kind: 'deny', rest: '上个月的事' });
    expect(reader.read('对，还有村主任也在场')).toMatchObject({ kind: 'content', confirmed: true, opensWithConfirm: true });
    expect(reader.read('他们会不会知道是我告的')).toMatchObject({ kind: 'content', opensWithConfirm: false });
    expect(reader.read('我姓刘 电话13812345678')).toMatchObject({ kind: 'content', confirmed: false });
    expect(reader.read('转人工')).toEqual({ kind: 'person' });
    expect(reader.read('？？')).toEqual({ kind: 'unclear' });
  });

  it('does not read numbers inside an account as a choice', () => {
    expect(reader.read('一次性告知').kind).toBe('content');
    expect(reader.read('电话13812345678', ['甲', '乙']).kind).toBe('content');
  });
});
