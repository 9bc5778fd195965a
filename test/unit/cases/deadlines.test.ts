import { beforeAll, describe, expect, it } from 'vitest';
import { dayKey } from '../../../src/calendar/index.js';
import { InvalidCommandError, type CaseRecord } from '../../../src/cases/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { complaint, seedRoster, serviceWithClock } from './fixtures.js';

const due = (c: CaseRecord) => dayKey(c.deadline.due);

describe('deadlines per kind', () => {
  useTestDatabase('cases_deadlines');
  const { svc, setNow } = serviceWithClock('2026-03-02T10:00:00');
  beforeAll(seedRoster);

  it('complaint: 7 calendar days, one extension to the special 15 days', async () => {
    setNow('2026-09-28T10:00:00');
    const c = await svc.createCase(complaint());
    expect(c.createdAt.toISOString()).toBe('2026-09-28T02:00:00.000Z');
    expect(c.deadline.due.toISOString()).toBe('2026-10-05T15:59:59.999Z');
    await expect(svc.requestExtension(c.number, 'C1', 9, '需要实地核查')).rejects.toMatchObject({ templateKey: 'cases.invalid.extension_days', vars: { max: 8 } });
    await svc.requestExtension(c.number, 'C1', 8, '需要实地核查');
    const ext = await svc.approveExtension(c.number, 'C0');
    expect(due(ext)).toBe('2026-10-13');
    await expect(svc.requestExtension(c.number, 'C1', 1, '还要再查')).rejects.toMatchObject({ reason: 'extensions_used_up' });
  });

  it('handoff: 5 working days across the Spring Festival, restarted when handed to an office', async () => {
    setNow('2026-02-13T10:00:00');
    const c = await svc.createCase(complaint({ kind: 'handoff', service: 'dibao' }));
    expect(c.officeCode).toBe('dangzhengban');
    expect(due(c)).toBe('2026-02-27');
    setNow('2026-02-24T10:00:00');
    const moved = await svc.transfer(c.number, 'P1', 'minzheng', '属于民政办职责');
    expect(due(moved)).toBe('2026-03-02');
  });

  it('disclosure: 15 working days, 中止 gives the paused working days back, one 15-day extension', async () => {
    setNow('2026-03-03T10:00:00');
    const c = await svc.createCase(complaint({ kind: 'disclosure', service: 'yishenqing', summary: '申请公开村道硬化工程账目' }));
    expect(c.officeCode).toBe('dangzhengban');
    expect(due(c)).toBe('2026-03-24');
    setNow('2026-03-09T10:00:00');
    const paused = await svc.pauseClock(c.number, 'P1', '洪水导致档案室无法进入');
    expect(paused.status).toBe('paused');
    expect(await svc.dueForReminder(new Date('2026-03-23T09:00:00+08:00'))).toEqual([]);
    setNow('2026-03-12T10:00:00');
    const resumed = await svc.resumeClock(c.number, 'P1');
    expect(resumed.status).toBe('taken');
    expect(due(resumed)).toBe('2026-03-27');
    await svc.requestExtension(c.number, 'P1', 15, '涉及第三方，需征求意见');
    expect(due(await svc.approveExtension(c.number, 'P0'))).toBe('2026-04-20'); // Qingming Apr 4–6 skipped
  });

  it('only disclosure may stop the clock', async () => {
    const c = await svc.createCase(complaint());
    await expect(svc.pauseClock(c.number, 'C1', '不可抗力')).rejects.toBeInstanceOf(InvalidCommandError);
  });

  it('petition: acceptance notice within 15 days, then 60 days from acceptance, at most 30 more', async () => {
    setNow('2026-03-02T10:00:00');
    const c = await svc.createCase(complaint({ kind: 'petition', service: 'xinfang', summary: '宅基地纠纷信访' }));
    expect(c).toMatchObject({ officeCode: 'zongzhi', holderId: 'S1' });
    expect(due(c)).toBe('2026-03-17');
    setNow('2026-03-10T15:00:00');
    const accepted = await svc.take(c.number, 'S1');
    expect(accepted.acceptedAt?.toISOString()).toBe('2026-03-10T07:00:00.000Z');
    expect(due(accepted)).toBe('2026-05-09');
    await expect(svc.requestExtension(c.number, 'S1', 31, '情况复杂')).rejects.toMatchObject({ reason: 'extension_days' });
    await svc.requestExtension(c.number, 'S1', 30, '情况复杂');
    expect(due(await svc.approveExtension(c.number, 'S0'))).toBe('2026-06-08');
  });

  it('rejection filing: leader answers within 3 days; approved, the villager is told within 10 working days', async () => {
    setNow('2026-09-21T10:00:00');
    const c = await svc.createCase(complaint());
    expect(due(c)).toBe('2026-09-28');
    await expect(svc.fileRejection(c.number, 'C1', '不符合低保条件', ' ')).rejects.toMatchObject({ reason: 'legal_basis_required' });
    setNow('2026-09-22T10:00:00');
    const filed = await svc.fileRejection(c.number, 'C1', '家庭收入超过标准', '《社会救助暂行办法》第九条');
    expect(filed.status).toBe('rejectionFiled');
    expect(due(filed)).toBe('2026-09-25');
    setNow('2026-09-24T10:00:00');
    const approved = await svc.approveRejection(c.number, 'C0');
    expect(approved.status).toBe('rejected');
    expect(due(approved)).toBe('2026-10-13'); // Sep 23, 24, 28, 29, 30, Oct 8, 9, 10 (Sat, 调休), 12, 13
    const closed = await svc.close(c.number, 'C1', '已书面告知不予受理的理由和依据');
    expect(closed.status).toBe('closed');
  });

  it('a refused rejection goes back to work with the original deadline', async () => {
    setNow('2026-09-21T10:00:00');
    const c = await svc.createCase(complaint());
    await svc.fileRejection(c.number, 'C1', '不属于本乡职责', '职责分工');
    const back = await svc.refuseRejection(c.number, 'C0', '应当受理');
    expect(back.status).toBe('taken');
    expect(due(back)).toBe('2026-09-28');
    expect(back.rejection?.decision).toBe('refused');
  });
});
