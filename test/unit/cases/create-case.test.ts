import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_NUMBER_RE, CaseModel } from '../../../src/cases/index.js';
import { Staff } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { complaint, seedRoster, serviceWithClock } from './fixtures.js';

describe('creating cases', () => {
  useTestDatabase('cases_create');
  const { svc, setNow } = serviceWithClock('2026-03-02T10:00:00');
  beforeAll(seedRoster);

  it('numbers cases T+Beijing date+4 digits, unique under 30 concurrent creates', async () => {
    setNow('2026-03-03T07:30:00'); // 2026-03-02 23:30 UTC: already Mar 3 in Beijing
    const made = await Promise.all(Array.from({ length: 30 }, () => svc.createCase(complaint())));
    const numbers = made.map((c) => c.number);
    expect(new Set(numbers).size).toBe(30);
    for (const n of numbers) expect(n).toMatch(CASE_NUMBER_RE);
    expect(numbers.every((n) => n.startsWith('T20260303-'))).toBe(true);
    expect(await CaseModel.countDocuments({ number: /^T20260303-/ })).toBe(30);
  });

  it('creates one case for a message delivered ten times at once', async () => {
    const input = complaint({ createdFromMessageId: 'wechat:msg-777' });
    const made = await Promise.all(Array.from({ length: 10 }, () => svc.createCase(input)));
    expect(new Set(made.map((c) => c.number)).size).toBe(1);
    expect(await CaseModel.countDocuments({ createdFromMessageId: 'wechat:msg-777' })).toBe(1);
    const again = await svc.createCase(input);
    expect(again.number).toBe(made[0]?.number);
  });

  it('routes by service to the on-duty member, who is also the first responder', async () => {
    setNow('2026-03-04T09:00:00');
    const c = await svc.createCase(complaint());
    expect(c).toMatchObject({ officeCode: 'minzheng', holderId: 'C1', firstResponderId: 'C1', status: 'assigned' });
    expect(c.history.map((h) => h.action)).toEqual(['create', 'assign']);
  });

  it('sends misconduct complaints to 纪委', async () => {
    const c = await svc.createCase(complaint({ category: '吃拿卡要' }));
    expect(c).toMatchObject({ officeCode: 'jiwei', holderId: 'D1' });
  });

  it('never assigns a complaint to the staff member it names', async () => {
    const one = await svc.createCase(complaint({ summary: '赵小六办低保时态度恶劣，让我跑了五趟' }));
    expect(one).toMatchObject({ officeCode: 'minzheng', holderId: 'C2', conflictStaffIds: ['C1'] });
    const both = await svc.createCase(complaint({ summary: '赵小六和孙小八都推诿', namedStaffIds: [] }));
    expect(both).toMatchObject({ officeCode: 'minzheng', holderId: 'C0' });
    const all = await svc.createCase(complaint({ summary: '赵小六、孙小八推诿', namedStaffIds: ['C0'] }));
    expect(all).toMatchObject({ officeCode: 'jiwei', holderId: 'D1' });
    expect(all.conflictStaffIds.sort()).toEqual(['C0', 'C1', 'C2']);
  });

  it('gives the case to the substitute while the on-duty member is on leave (同岗替代)', async () => {
    await Staff.updateOne({ staffId: 'L1' }, { $set: { leave: { from: new Date('2026-03-01T00:00:00+08:00'), to: new Date('2026-03-10T00:00:00+08:00'), substituteStaffId: 'P1' } } });
    const c = await svc.createCase(complaint({ service: 'shiye', summary: '失业登记证办不下来' }));
    expect(c).toMatchObject({ officeCode: 'laodong', holderId: 'P1', firstResponderId: 'P1' });
  });

  it('a desk registration makes the registering staff member the first responder', async () => {
    const c = await svc.createCase(complaint({ receivedBy: 'V1', complainant: { channel: 'visit', userId: 'desk-1', anonymous: true } }));
    expect(c).toMatchObject({ firstResponderId: 'V1', holderId: 'C1' });
  });

  it('flags a case nobody can hold, and a deadline the holiday data does not cover', async () => {
    await Staff.updateMany({ officeCode: 'bianmin' }, { $set: { onDuty: false } });
    await Staff.updateOne({ staffId: 'V0' }, { $set: { leave: { from: new Date('2026-01-01'), to: new Date('2026-12-31'), substituteStaffId: 'V0' } } });
    const c = await svc.createCase(complaint({ service: 'wangshang', summary: '网上办事打不开' }));
    expect(c).toMatchObject({ status: 'received', holderId: null, firstResponderId: null });
    expect(c.alerts).toContain('no_holder');

    setNow('2026-12-20T10:00:00'); // 20 working days run into 2027, which the fixture calendar does not describe
    const d = await svc.createCase(complaint({ kind: 'disclosure', service: 'yishenqing', summary: '申请公开村里修路的账目' }));
    expect(d.deadline.covered).toBe(false);
    expect(d.alerts).toContain('deadline_uncovered');
    expect(d.history.map((h) => h.action)).toContain('deadline_uncovered');
    const flagged = (await svc.needingAttention()).map((x) => x.number);
    expect(flagged).toEqual(expect.arrayContaining([c.number, d.number]));

    setNow('2026-12-01T10:00:00'); // 20 working days end on Dec 29: inside the described year
    const inYear = await svc.createCase(complaint({ kind: 'disclosure', service: 'yishenqing', summary: '申请公开今年的低保名单' }));
    expect(inYear.deadline.covered).toBe(true);
    expect(inYear.alerts).not.toContain('deadline_uncovered');
  });

  it("lists a villager's cases", async () => {
    await svc.createCase(complaint({ complainant: { channel: 'qq', userId: 'villager-9', anonymous: true } }));
    await svc.createCase(complaint({ complainant: { channel: 'qq', userId: 'villager-9', anonymous: true } }));
    expect(await svc.listForUser('qq', 'villager-9')).toHaveLength(2);
    expect(await svc.listForUser('wechat', 'villager-9')).toHaveLength(0);
  });
});
