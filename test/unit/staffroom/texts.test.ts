import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseErrorTemplateKeys, IllegalTransitionError, NotPermittedError, TRANSITIONS } from '../../../src/cases/index.js';
import { parseLeaveDate, StaffRoomError } from '../../../src/staffroom/resolve.js';
import { StaffTexts } from '../../../src/staffroom/texts.js';

const texts = StaffTexts.load(path.resolve('templates'));
const SRC = path.resolve('src/staffroom');

describe('staff-room texts', () => {
  it('has every template key the code renders', () => {
    const used = new Set<string>();
    for (const f of readdirSync(SRC)) {
      const code = readFileSync(path.join(SRC, f), 'utf8');
      for (const m of code.matchAll(/render\(\s*[`']([a-z_.]+)[`']/g)) if (m[1]) used.add(m[1]);
      for (const m of code.matchAll(/new StaffRoomError\(\s*'([a-z_.]+)'/g)) if (m[1]) used.add(m[1]);
    }
    for (const verb of ['take', 'transfer', 'reply', 'close', 'extend', 'approve', 'reject', 'show', 'leave', 'refuse', 'pause', 'resume', 'recordInterview']) used.add(`usage.${verb}`);
    for (const key of ['extension_refused', 'rejection_refused', 'paused', 'resumed']) used.add(`villager.${key}`);
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !texts.has(k))).toEqual([]);
  });

  it('can word every refusal of the case rules, with actions and statuses in Chinese', () => {
    expect(caseErrorTemplateKeys().filter((k) => !texts.has(k))).toEqual([]);
    expect(Object.keys(TRANSITIONS).filter((a) => texts.label('action', a) === a)).toEqual([]);
    expect(texts.refusal(new IllegalTransitionError('T20260302-0001', 'close', 'assigned'))).toBe('案件 T20260302-0001 当前状态为“待接单”，不能执行“办结”。');
    expect(texts.refusal(new NotPermittedError('T1', 'approveExtension', 'not_leader'))).toContain('“批准延期”需要领导审批');
  });
});

describe('leave dates', () => {
  const now = new Date('2026-03-02T10:00:00+08:00');
  it('reads the usual ways of writing a day, as the end of that Beijing day', () => {
    for (const s of ['3月5日', '3月5号', '2026-03-05', '2026年3月5日', '3/5', '3.5']) {
      expect(parseLeaveDate(s, now).toISOString()).toBe('2026-03-05T15:59:59.999Z');
    }
    expect(parseLeaveDate('1月3日', now).toISOString().slice(0, 10)).toBe('2027-01-03'); // already past: next year
  });
  it('refuses what is not a date', () => {
    for (const s of ['明天', '2月30日', '13月1日']) expect(() => parseLeaveDate(s, now)).toThrow(StaffRoomError);
  });
});
