import { describe, expect, it } from 'vitest';
import { normalizeCommandText, parseCommand } from '../../../src/staffroom/parse.js';

const cmd = (text: string) => parseCommand(text);

describe('staff-room command parser', () => {
  it('reads each command, with the full number or its last digits', () => {
    expect(cmd('接单 T20260302-0001')).toEqual({ kind: 'command', command: { verb: 'take', number: 'T20260302-0001' } });
    expect(cmd('接单 12')).toEqual({ kind: 'command', command: { verb: 'take', number: '12' } });
    expect(cmd('转办 0001 民政办 属低保 事项')).toEqual({ kind: 'command', command: { verb: 'transfer', number: '0001', office: '民政办', reason: '属低保 事项' } });
    expect(cmd('回复 1 已办好，请来领取')).toMatchObject({ command: { verb: 'reply', number: '1', text: '已办好，请来领取' } });
    expect(cmd('办结 1 已答复')).toMatchObject({ command: { verb: 'close', result: '已答复' } });
    expect(cmd('延期 1 5天 需入户核查')).toEqual({ kind: 'command', command: { verb: 'extend', number: '1', days: 5, reason: '需入户核查' } });
    expect(cmd('批准 1')).toMatchObject({ command: { verb: 'approve', number: '1' } });
    expect(cmd('否定 1 收入超标 社会救助暂行办法第九条')).toMatchObject({ command: { verb: 'reject', reason: '收入超标', basis: '社会救助暂行办法第九条' } });
    expect(cmd('查 1')).toMatchObject({ command: { verb: 'show', number: '1' } });
    expect(cmd('值班')).toEqual({ kind: 'command', command: { verb: 'duty' } });
    expect(cmd('请假 到 3月5日 由 赵六 替岗')).toEqual({ kind: 'command', command: { verb: 'leave', until: '3月5日', substitute: '赵六' } });
    expect(cmd('请假到2026-03-05由赵六替岗')).toMatchObject({ command: { verb: 'leave', until: '2026-03-05', substitute: '赵六' } });
  });

  it('tolerates full-width digits, letters, spaces and colons, and a missing space after the verb', () => {
    expect(normalizeCommandText('接单：　Ｔ２０２６０３０２－０００１')).toBe('接单 T20260302-0001');
    expect(cmd('接单：Ｔ２０２６０３０２－０００１')).toMatchObject({ command: { number: 'T20260302-0001' } });
    expect(cmd('接单０００１')).toMatchObject({ command: { verb: 'take', number: '0001' } });
    expect(cmd('t20260302-0001'.replace(/^/, '查 '))).toMatchObject({ command: { number: 'T20260302-0001' } });
  });

  it('leaves empty reasons to the case rules (they say what is missing)', () => {
    expect(cmd('转办 1 民政办')).toMatchObject({ command: { verb: 'transfer', reason: '' } });
    expect(cmd('否定 1 收入超标')).toMatchObject({ command: { verb: 'reject', basis: '' } });
  });

  it('calls a command word with bad arguments malformed, and ordinary talk none', () => {
    expect(cmd('转办')).toEqual({ kind: 'malformed', verb: 'transfer' });
    expect(cmd('接单 第一件')).toEqual({ kind: 'malformed', verb: 'take' });
    expect(cmd('接单 1 2')).toEqual({ kind: 'malformed', verb: 'take' });
    expect(cmd('延期 1 几天')).toEqual({ kind: 'malformed', verb: 'extend' });
    expect(cmd('请假 明天')).toEqual({ kind: 'malformed', verb: 'leave' });
    expect(cmd('值班 张三')).toEqual({ kind: 'malformed', verb: 'duty' });
    expect(cmd('查一下这个件')).toEqual({ kind: 'none' });
    expect(cmd('回复一下群众')).toEqual({ kind: 'none' });
    expect(cmd('大家好')).toEqual({ kind: 'none' });
  });
});

describe('free text keeps what the staff member wrote', () => {
  it('keeps punctuation and full-width characters in answers, results and reasons', () => {
    expect(parseCommand('回复 T20261122-0007 您好，请到民政办（二楼）！')).toEqual({ kind: 'command', command: { verb: 'reply', number: 'T20261122-0007', text: '您好，请到民政办（二楼）！' } });
    expect(parseCommand('办结：００07，已退款，村干部已道歉。')).toEqual({ kind: 'command', command: { verb: 'close', number: '0007', result: '已退款，村干部已道歉。' } });
    expect(parseCommand('转办 0007 民政办 属低保金发放问题，请核实')).toMatchObject({ command: { verb: 'transfer', office: '民政办', reason: '属低保金发放问题，请核实' } });
    expect(parseCommand('延期 0007 5天 需调取银行流水，请批准')).toMatchObject({ command: { verb: 'extend', days: 5, reason: '需调取银行流水，请批准' } });
    expect(parseCommand('否定 0007 不属本镇职权 《信访条例》第十五条，已告知')).toMatchObject({ command: { verb: 'reject', reason: '不属本镇职权', basis: '《信访条例》第十五条，已告知' } });
  });
});

describe('the leader\'s refusal, the disclosure clock and the interview record', () => {
  it('reads 驳回 / 不批准, 中止, 恢复 and 约谈记录', () => {
    expect(cmd('驳回 0007 理由不充分')).toEqual({ kind: 'command', command: { verb: 'refuse', number: '0007', reason: '理由不充分' } });
    expect(cmd('不批准 7 请按时办结')).toMatchObject({ command: { verb: 'refuse', number: '7', reason: '请按时办结' } });
    expect(cmd('中止 T20260302-0003 档案馆停电')).toEqual({ kind: 'command', command: { verb: 'pause', number: 'T20260302-0003', reason: '档案馆停电' } });
    expect(cmd('恢复 3')).toEqual({ kind: 'command', command: { verb: 'resume', number: '3' } });
    expect(cmd('约谈记录 3 领导说明了处理结果')).toEqual({ kind: 'command', command: { verb: 'recordInterview', number: '3', text: '领导说明了处理结果' } });
  });

  it('tolerates full-width digits, colons and spaces, and a verb glued to the number', () => {
    expect(cmd('驳回：０００７　理由不充分')).toMatchObject({ command: { verb: 'refuse', number: '0007', reason: '理由不充分' } });
    expect(cmd('恢复０００３')).toMatchObject({ command: { verb: 'resume', number: '0003' } });
    expect(cmd('中止：Ｔ２０２６０３０２－０００３，暴雨停电')).toMatchObject({ command: { verb: 'pause', number: 'T20260302-0003', reason: '暴雨停电' } });
    expect(cmd('约谈记录３　已当面说明')).toMatchObject({ command: { verb: 'recordInterview', number: '3', text: '已当面说明' } });
  });

  it('keeps the punctuation of reasons and records as written', () => {
    expect(parseCommand('驳回 0007 依据不足，请补充《社会救助暂行办法》条款！')).toMatchObject({ command: { reason: '依据不足，请补充《社会救助暂行办法》条款！' } });
    expect(parseCommand('中止：0003，因暴雨停电（档案室），无法调档。')).toMatchObject({ command: { reason: '因暴雨停电（档案室），无法调档。' } });
    expect(parseCommand('约谈记录 0003 村民：同意；镇长：三日内答复。')).toMatchObject({ command: { text: '村民：同意；镇长：三日内答复。' } });
  });

  it('calls missing arguments malformed (a refusal needs its reason), and talk none', () => {
    expect(cmd('驳回 0007')).toEqual({ kind: 'malformed', verb: 'refuse' });
    expect(cmd('驳回')).toEqual({ kind: 'malformed', verb: 'refuse' });
    expect(cmd('恢复 3 好了')).toEqual({ kind: 'malformed', verb: 'resume' });
    expect(cmd('约谈记录 3')).toEqual({ kind: 'malformed', verb: 'recordInterview' });
    expect(cmd('中止')).toEqual({ kind: 'malformed', verb: 'pause' });
    expect(cmd('中止 3')).toMatchObject({ command: { verb: 'pause', reason: '' } }); // the case rules ask for the reason
    expect(cmd('恢复一下心情')).toEqual({ kind: 'none' });
    expect(cmd('驳回了他的意见')).toEqual({ kind: 'none' });
  });
});
