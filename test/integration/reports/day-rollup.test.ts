import { describe, expect, it } from 'vitest';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { dayCounts, ReportDayModel, rollUpRecentDays, ROLLUP_VERSION } from '../../../src/reports/day-rollup.js';
import { buildReport } from '../../../src/reports/index.js';
import { eraseVillager } from '../../../src/retention/erase.js';
import { maskForStorage } from '../../../src/retention/mask.js';
import { useTestDatabase } from '../../helpers/db.js';
import { addTurn, beijing } from './fixtures.js';

/**
 * Issue 9: a month's report read every turn of two months (6.5 s for 34,000 turns on the embedded
 * database). Settled days are now counted once and stored in report_days; today and yesterday are
 * always counted from the turns.
 */
describe('report_days: each settled day counted once, recent days always from the turns', () => {
  useTestDatabase('rollup');
  const NOW = beijing('2026-12-05 10:00');

  it('stores settled days on the first report and answers the same figures from them afterwards', async () => {
    await addTurn({ userId: 'u1', text: '低保怎么申请', at: '2026-11-03 09:00', intent: 'policy_query', service: 'dibao' });
    await addTurn({ userId: 'u2', text: '那个补贴咋弄', at: '2026-11-03 23:59', intent: 'policy_query', route: 'clarify' });
    await addTurn({ userId: 'u1', text: '五保', at: '2026-11-30 12:00', intent: 'policy_query', service: 'wubao' });
    const first = await buildReport({ from: '2026-11-01', to: '2026-11-30', now: NOW });
    expect(await ReportDayModel.countDocuments({ _id: { $gte: '2026-11-01', $lte: '2026-11-30' } })).toBe(30);
    const nov3 = await ReportDayModel.findById('2026-11-03').lean();
    expect(nov3).toMatchObject({ v: ROLLUP_VERSION, messages: 2, clarify: 1, unanswered: [{ k: '那个补贴咋弄', n: 1 }] });
    expect(nov3?.villagers).toHaveLength(2);
    expect(JSON.stringify(nov3)).not.toContain('u1'); // villagers are hashed

    // the stored rows now answer: the turns could go (retention), the report stays the same
    await TurnRecordModel.deleteMany({ receivedAt: { $lt: beijing('2026-12-01 00:00') } });
    const again = await buildReport({ from: '2026-11-01', to: '2026-11-30', now: NOW });
    expect(again.inquiries).toEqual(first.inquiries);
    expect(again.understanding).toEqual(first.understanding);
    expect(first.inquiries).toMatchObject({ messages: 3, villagers: 2 });
  });

  it('never stores today or yesterday: a late message on those days is counted', async () => {
    await addTurn({ userId: 'u3', text: '低保', at: '2026-12-04 08:00', intent: 'policy_query', service: 'dibao' });
    const before = await dayCounts('2026-12-03', '2026-12-05', NOW);
    expect(before.map((d) => d.messages)).toEqual([0, 1, 0]);
    expect(await ReportDayModel.findById('2026-12-04').lean()).toBeNull();
    expect(await ReportDayModel.findById('2026-12-03').lean()).not.toBeNull();
    await addTurn({ userId: 'u4', text: '五保', at: '2026-12-04 21:00', intent: 'policy_query', service: 'wubao' });
    await addTurn({ userId: 'u4', text: '残疾证', at: '2026-12-05 09:00', intent: 'policy_query', service: 'canji' });
    expect((await dayCounts('2026-12-03', '2026-12-05', NOW)).map((d) => d.messages)).toEqual([0, 2, 1]);
  });

  it('counts a row of an older version again', async () => {
    await addTurn({ userId: 'u5', text: '临时救助', at: '2026-07-02 10:00', intent: 'policy_query', service: 'linshi' });
    await ReportDayModel.create({ _id: '2026-07-02', v: ROLLUP_VERSION - 1, messages: 99, villagers: [], channels: [], intents: [], services: [], unanswered: [], clarify: 0, fallback: 0 });
    const [day] = await dayCounts('2026-07-02', '2026-07-02', NOW);
    expect(day?.messages).toBe(1);
    expect(await ReportDayModel.findById('2026-07-02').lean()).toMatchObject({ v: ROLLUP_VERSION, messages: 1 });
  });

  it('rolls up the recent settled days ahead of the first report, once', async () => {
    await addTurn({ userId: 'u6', text: '救灾', at: '2026-09-20 10:00', intent: 'policy_query', service: 'jiuzai' });
    const counted = await rollUpRecentDays(90, NOW);
    expect(counted).toBeGreaterThan(0);
    expect(await ReportDayModel.findById('2026-09-20').lean()).toMatchObject({ messages: 1 });
    expect(await rollUpRecentDays(90, NOW)).toBe(0);
  });

  it('forgets the days of an erased villager, whose masked questions they held', async () => {
    await addTurn({ userId: 'u9', text: '我家那个事咋整', at: '2026-08-10 10:00', intent: 'policy_query', route: 'clarify' });
    await dayCounts('2026-08-10', '2026-08-10', NOW);
    expect(JSON.stringify(await ReportDayModel.findById('2026-08-10').lean())).toContain('我家那个事咋整');
    await eraseVillager('wechat', 'u9', 'villager_request', maskForStorage);
    expect(await ReportDayModel.findById('2026-08-10').lean()).toBeNull();
    const [day] = await dayCounts('2026-08-10', '2026-08-10', NOW);
    expect(day).toMatchObject({ messages: 1, unanswered: [] });
  });
});
