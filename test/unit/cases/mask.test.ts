import { describe, expect, it } from 'vitest';
import { maskedCard, maskIdNumber, maskName, maskPhone, maskText, type CaseRecord } from '../../../src/cases/index.js';

describe('masking personal data', () => {
  it('masks names, phones and ID numbers', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0839-5663022')).toBe('0839-*****22');
    expect(maskIdNumber('51082119800101123X')).toBe('510***********123X');
  });

  it('masks inside free text', () => {
    const text = '我叫王大锤，电话13812345678，身份证51082119800101123X，座机0839-5663022，王大锤的低保被取消了';
    const out = maskText(text, ['王大锤']);
    expect(out).toBe('我叫王**，电话138****5678，身份证510***********123X，座机0839-*****22，王**的低保被取消了');
    expect(out).not.toMatch(/王大锤|13812345678|5663022/);
    expect(maskText('姓名：李小红 申请低保', [])).toBe('姓名：李** 申请低保');
    expect(maskText('低保金2000元，2026年3月', [])).toBe('低保金2000元，2026年3月');
  });

  it('builds a card with the complainant masked everywhere', () => {
    const c = {
      number: 'T20260302-0001', kind: 'complaint', status: 'assigned', service: 'dibao', category: null,
      officeCode: 'minzheng', holderId: 'C1', firstResponderId: 'C1',
      summary: '李大明反映低保没批，电话13812345678',
      details: { what: '李大明的低保三个月没消息', village: '东村', when: '三月', wants: '给李大明答复' },
      complainant: { channel: 'wechat', userId: 'o1', name: '李大明', phone: '13812345678', anonymous: false },
      deadline: { due: new Date('2026-03-09T15:59:59.999Z'), covered: true },
      needsPhoneCall: true, alerts: [],
    } as unknown as CaseRecord;
    const card = maskedCard(c);
    expect(card.complainant).toEqual({ anonymous: false, name: '李**', phone: '138****5678', channel: 'wechat' });
    expect(card.summary).toBe('李**反映低保没批，电话138****5678');
    expect(card.what).toBe('李**的低保三个月没消息');
    expect(card.wants).toBe('给李**答复');
    expect(card.due).toBe('2026-03-09 23:59');
    expect(JSON.stringify(card)).not.toMatch(/李大明|13812345678/);
    expect(maskedCard({ ...c, complainant: { channel: 'web', userId: 'x', anonymous: true } }).complainant).toEqual({ anonymous: true });
  });
});
