import { beforeAll, describe, expect, it } from 'vitest';
import {
  CaseNotFoundError, ConflictOfInterestError, IllegalTransitionError, NoOneOnDutyError, NotPermittedError, TRANSITIONS,
} from '../../../src/cases/index.js';
import { Staff } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { complaint, seedRoster, serviceWithClock } from './fixtures.js';

describe('case commands', () => {
  useTestDatabase('cases_commands');
  const { svc, setNow } = serviceWithClock('2026-03-02T10:00:00');
  beforeAll(seedRoster);

  it('transfer moves the case to the on-duty member of the new office; the first responder never changes', async () => {
    const c = await svc.createCase(complaint({ service: 'shiye', summary: '失业登记' }));
    expect(c).toMatchObject({ holderId: 'L1', firstResponderId: 'L1' });
    await svc.take(c.number, 'L1');
    await expect(svc.transfer(c.number, 'L1', 'minzheng', '  ')).rejects.toMatchObject({ reason: 'reason_required' });
    await expect(svc.transfer(c.number, 'L1', 'nowhere', '转')).rejects.toMatchObject({ reason: 'unknown_office' });
    const moved = await svc.transfer(c.number, 'L1', 'minzheng', '实为低保问题');
    expect(moved).toMatchObject({ status: 'transferred', officeCode: 'minzheng', holderId: 'C1', firstResponderId: 'L1' });
    const taken = await svc.take(moved.number, 'C2');
    expect(taken).toMatchObject({ holderId: 'C2', firstResponderId: 'L1', status: 'taken' });
    const back = await svc.transfer(c.number, 'C2', 'bianmin', '窗口办理');
    expect(back.firstResponderId).toBe('L1');
    expect(back.history.map((h) => [h.action, h.holderId])).toEqual([
      ['create', null], ['assign', 'L1'], ['take', 'L1'], ['transfer', 'C1'], ['take', 'C2'], ['transfer', 'V1'],
    ]);
  });

  it('a transfer to an office with nobody available is refused, not left unheld', async () => {
    const c = await svc.createCase(complaint());
    await Staff.updateOne({ staffId: 'S1' }, { $set: { onDuty: false } });
    await Staff.updateOne({ staffId: 'S0' }, { $set: { leave: { from: new Date('2026-01-01'), to: new Date('2026-12-31'), substituteStaffId: 'S1' } } });
    await Staff.updateOne({ staffId: 'S1' }, { $set: { leave: { from: new Date('2026-01-01'), to: new Date('2026-12-31'), substituteStaffId: 'S0' } } });
    await expect(svc.transfer(c.number, 'C1', 'zongzhi', '矛盾纠纷')).rejects.toBeInstanceOf(NoOneOnDutyError);
    expect((await svc.find(c.number)).officeCode).toBe('minzheng');
  });

  it('reply then close; the answer is stored', async () => {
    const c = await svc.createCase(complaint());
    await svc.take(c.number, 'C1');
    await expect(svc.reply(c.number, 'C1', ' ')).rejects.toMatchObject({ reason: 'text_required' });
    const answered = await svc.reply(c.number, 'C1', '您的低保申请已受理，正在入户核查。');
    expect(answered.status).toBe('answered');
    expect(answered.replies).toMatchObject([{ staffId: 'C1', text: '您的低保申请已受理，正在入户核查。' }]);
    await expect(svc.close(c.number, 'C1', '')).rejects.toMatchObject({ reason: 'result_required' });
    const closed = await svc.close(c.number, 'C1', '已答复');
    expect(closed).toMatchObject({ status: 'closed', result: '已答复' });
    const reopened = await svc.reopen(c.number, 'villager', '不满意');
    expect(reopened.status).toBe('reopened');
  });

  it('rejects illegal transitions with a typed error', async () => {
    const c = await svc.createCase(complaint());
    await expect(svc.close(c.number, 'C1', '办完了')).rejects.toBeInstanceOf(IllegalTransitionError); // never taken nor answered
    await expect(svc.approveRejection(c.number, 'C0')).rejects.toMatchObject({ name: 'IllegalTransitionError', vars: { status: 'assigned', action: 'approveRejection' } });
    await expect(svc.resumeClock(c.number, 'C1')).rejects.toBeInstanceOf(IllegalTransitionError);
    await svc.take(c.number, 'C1');
    await expect(svc.take(c.number, 'C2')).rejects.toBeInstanceOf(IllegalTransitionError);
    await svc.reply(c.number, 'C1', '已处理');
    await svc.close(c.number, 'C1', '已处理');
    await expect(svc.reply(c.number, 'C1', '补充')).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(svc.transfer(c.number, 'C1', 'dangzhengban', '转')).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(svc.find('T20990101-0001')).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it('rejects commands a person may not do', async () => {
    const c = await svc.createCase(complaint());
    await expect(svc.take(c.number, 'L1')).rejects.toMatchObject({ reason: 'not_in_office' });
    await expect(svc.reply(c.number, 'C2', '我来答')).rejects.toMatchObject({ reason: 'not_holder' });
    await expect(svc.reply(c.number, 'nobody', '我来答')).rejects.toMatchObject({ reason: 'unknown_staff' });
    await svc.requestExtension(c.number, 'C1', 3, '需核实');
    await expect(svc.approveExtension(c.number, 'C2')).rejects.toMatchObject({ reason: 'not_leader' });
    await expect(svc.requestExtension(c.number, 'C1', 3, '再申请')).rejects.toMatchObject({ reason: 'extension_pending' });
    const leaderHeld = await svc.take(c.number, 'C0'); // the office leader may take it over
    expect(leaderHeld.holderId).toBe('C0');
    await expect(svc.approveExtension(c.number, 'C0')).rejects.toMatchObject({ reason: 'self_approval' });
    expect((await svc.approveExtension(c.number, 'P0')).extensions[0]).toMatchObject({ decision: 'approved', decidedBy: 'P0' });
    expect(Object.keys(TRANSITIONS)).toContain('approveExtension');
  });

  it('the staff member a complaint names can neither take nor decide it', async () => {
    const c = await svc.createCase(complaint({ summary: '赵小六办事拖拉' }));
    expect(c.holderId).toBe('C2');
    await expect(svc.take(c.number, 'C1')).rejects.toBeInstanceOf(ConflictOfInterestError);
    const moved = await svc.transfer(c.number, 'C2', 'dangzhengban', '转党政办');
    await expect(svc.transfer(moved.number, 'P1', 'minzheng', '转回')).resolves.toMatchObject({ holderId: 'C2' });
  });

  it('the substitute of a holder on leave may act for the holder', async () => {
    setNow('2026-03-03T10:00:00');
    const c = await svc.createCase(complaint({ service: 'wangshang', summary: '网上办事' }));
    expect(c.holderId).toBe('V1');
    await Staff.updateOne({ staffId: 'V1' }, { $set: { leave: { from: new Date('2026-03-04T00:00:00+08:00'), to: new Date('2026-03-06T00:00:00+08:00'), substituteStaffId: 'P1' } } });
    await expect(svc.reply(c.number, 'P1', '代答')).rejects.toBeInstanceOf(NotPermittedError);
    setNow('2026-03-05T10:00:00');
    expect((await svc.reply(c.number, 'P1', '代答')).status).toBe('answered');
  });

  it('two staff taking the same case at once: exactly one wins', async () => {
    const c = await svc.createCase(complaint());
    const results = await Promise.allSettled([svc.take(c.number, 'C1'), svc.take(c.number, 'C2'), svc.take(c.number, 'C0')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const final = await svc.find(c.number);
    expect(final.history.filter((h) => h.action === 'take')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(IllegalTransitionError);
  });
});
