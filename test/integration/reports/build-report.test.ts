import { beforeAll, describe, expect, it } from 'vitest';
import { SatisfactionModel } from '../../../src/dialogue/flows/satisfaction.model.js';
import { buildReport, renderReportText, type Report } from '../../../src/reports/index.js';
import { Office } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { addCase, addTurn, beijing } from './fixtures.js';

const PHONE = '13812345678';
const NOW = beijing('2026-12-05 10:00');

describe('buildReport: the 群众咨询梳理分析 statistics for November 2026', () => {
  useTestDatabase('reports');
  let report: Report;
  let text: string;

  beforeAll(async () => {
    // November
    await addTurn({ userId: 'u1', text: '低保怎么申请', at: '2026-11-03 09:00', intent: 'policy_query', service: 'dibao' });
    await addTurn({ userId: 'u1', text: '低保要带什么材料', at: '2026-11-03 09:01', intent: 'checklist', service: 'dibao' });
    await addTurn({ userId: 'u1', text: '低保多久批下来', at: '2026-11-10 15:00', intent: 'policy_query', service: 'dibao' });
    await addTurn({ channel: 'qq', userId: 'u1', text: '低保材料', at: '2026-11-12 08:30', intent: 'checklist', service: 'dibao' });
    await addTurn({ userId: 'u2', text: `五保的钱没发 电话${PHONE}`, at: '2026-11-15 20:00', intent: 'complaint', service: 'wubao' });
    await addTurn({ userId: 'u3', text: `那个补贴咋弄 ${PHONE}`, at: '2026-11-20 10:00', intent: 'policy_query', route: 'clarify' });
    await addTurn({ userId: 'u3', text: `那个补贴咋弄   ${PHONE}`, at: '2026-11-21 10:00', intent: 'policy_query', route: 'clarify' });
    await addTurn({ channel: 'telegram', userId: 'u4', text: '天气怎么样', at: '2026-11-30 23:59', route: 'fallback' });
    await addTurn({ userId: 'u5', text: '', at: '2026-11-05 08:00', kind: 'event', route: 'welcome' });
    await addTurn({ userId: 'u6', text: '低保', at: '2026-12-01 00:00', intent: 'policy_query', service: 'dibao' });
    // the previous period: the whole of October, 2026-10-01 … 2026-10-31 (the previous calendar month)
    await addTurn({ userId: 'u1', text: '低保标准是多少', at: '2026-10-10 09:00', intent: 'policy_query', service: 'dibao' });
    for (const day of ['20', '21', '22']) await addTurn({ userId: 'u7', text: '五保怎么办', at: `2026-10-${day} 09:00`, intent: 'policy_query', service: 'wubao' });
    await addTurn({ userId: 'u8', text: '失业证', at: '2026-10-01 09:00', intent: 'checklist', service: 'shiye' });

    await Office.create({ code: 'minzheng', name: '镇民政办（花名册）' });
    await addCase({ number: 'C1', kind: 'complaint', service: 'dibao', officeCode: 'minzheng', status: 'closed', created: '2026-11-03 09:30', due: '2026-11-17', closed: '2026-11-10 16:00' });
    await addCase({ number: 'C2', kind: 'complaint', service: 'dibao', officeCode: 'minzheng', status: 'closed', created: '2026-11-05 09:30', due: '2026-11-19', closed: '2026-11-25 16:00' });
    await addCase({ number: 'C3', kind: 'handoff', service: 'shiye', officeCode: 'dangzhengban', status: 'taken', created: '2026-11-20 11:00', due: '2026-11-27' });
    await addCase({ number: 'C4', kind: 'disclosure', officeCode: 'dangzhengban', status: 'taken', created: '2026-10-01 11:00', due: '2026-10-29' });
    await addCase({ number: 'C5', kind: 'complaint', service: 'wubao', officeCode: 'minzheng', status: 'received', created: '2026-11-28 11:00', due: '2026-12-20', covered: false });
    await addCase({ number: 'C6', kind: 'complaint', service: 'dibao', officeCode: 'minzheng', status: 'closed', created: '2026-09-01 11:00', due: '2026-09-15', closed: '2026-09-10 10:00' });

    const rating = (caseNumber: string, r: 'satisfied' | 'partly' | 'unsatisfied', at: string) =>
      SatisfactionModel.create({ caseNumber, channel: 'wechat', userId: `v-${caseNumber}`, rating: r, text: r, at: beijing(at) });
    await rating('C1', 'satisfied', '2026-11-12 09:00');
    await rating('C2', 'partly', '2026-11-26 09:00');
    await rating('C2', 'unsatisfied', '2026-11-27 09:00');
    await rating('C6', 'satisfied', '2026-10-20 09:00');

    report = await buildReport({ from: '2026-11-01', to: '2026-11-30', now: NOW });
    text = renderReportText(report);
  });

  it('counts messages (not platform events), distinct villagers by channel+user, and channels', () => {
    expect(report.period).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(report.inquiries.messages).toBe(8);
    expect(report.inquiries.villagers).toBe(5);
    expect(report.inquiries.byChannel.map((r) => [r.key, r.label, r.count])).toEqual([['wechat', '微信公众号', 6], ['qq', 'QQ', 1], ['telegram', 'Telegram', 1]]);
  });

  it('breaks matters down by intent and service with Chinese labels; unsure turns are unclassified', () => {
    expect(report.inquiries.byService).toEqual([
      { key: 'dibao', label: '最低生活保障（低保）', count: 4 },
      { key: 'wubao', label: '五保供养', count: 1 },
    ]);
    const intents = Object.fromEntries(report.inquiries.byIntent.map((r) => [r.key, r.count]));
    expect(intents).toEqual({ unclassified: 3, policy_query: 2, checklist: 2, complaint: 1 });
    expect(report.inquiries.byIntent.find((r) => r.key === 'complaint')?.label).toBe('投诉反映');
  });

  it('finds what the bot did not understand from the trace, grouping the same masked question', () => {
    const u = report.understanding;
    expect([u.unanswered, u.clarify, u.fallback]).toEqual([3, 2, 1]);
    expect(u.rate).toBeCloseTo(3 / 8);
    expect(u.top[0]?.count).toBe(2);
    expect(u.top[0]?.text).toMatch(/^那个补贴咋弄/);
    expect(u.top.map((q) => q.text)).toContain('天气怎么样');
  });

  it('counts cases opened and closed, on time vs late, open past the deadline, by kind and office', () => {
    const c = report.cases;
    expect([c.opened, c.closed, c.closedOnTime, c.closedLate, c.openOverdue]).toEqual([4, 2, 1, 1, 2]);
    expect(c.byKind.map((r) => [r.key, r.label, r.count])).toEqual([['complaint', '投诉', 3], ['handoff', '网上咨询转办', 1]]);
    // the roster's name wins over templates/offices.yml; without a roster entry the file's name is used
    expect(c.byOffice.map((r) => [r.label, r.count])).toEqual([['镇民政办（花名册）', 3], ['镇党政办公室', 1]]);
    // C1: Tue 3 Nov → Tue 10 Nov = 5 working days; C2: Thu 5 Nov → Wed 25 Nov = 14
    expect(c.averageWorkingDaysToClose).toBe(9.5);
  });

  it('lists overdue cases (most overdue first), uncovered deadlines and repeated complaints', () => {
    const a = report.attention;
    expect(a.overdue.map((x) => [x.number, x.daysOverdue, x.due])).toEqual([['C4', 37, '2026-10-29'], ['C3', 8, '2026-11-27']]);
    expect(a.uncovered.map((x) => x.number)).toEqual(['C5']);
    expect(a.repeated).toEqual([
      { dimension: 'service', key: 'dibao', label: '最低生活保障（低保）', count: 2 },
      { dimension: 'office', key: 'minzheng', label: '镇民政办（花名册）', count: 3 },
    ]);
  });

  it('counts satisfaction in the period, the later answer per case winning', () => {
    expect(report.satisfaction).toEqual({ recorded: true, total: 2, satisfied: 1, partly: 0, unsatisfied: 1 });
  });

  it('compares a month with the whole previous calendar month, up and down per service', () => {
    expect(report.previousPeriod).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(report.trends.messages).toEqual({ current: 8, previous: 5, change: 'up' });
    expect(report.trends.villagers).toEqual({ current: 5, previous: 3, change: 'up' });
    expect(report.trends.byService).toEqual([
      { key: 'dibao', label: '最低生活保障（低保）', current: 4, previous: 1, change: 'up' },
      { key: 'wubao', label: '五保供养', current: 1, previous: 3, change: 'down' },
      { key: 'shiye', label: expect.any(String), current: 0, previous: 1, change: 'down' },
    ]);
  });

  it('never carries the unmasked text: a phone number typed by a villager appears nowhere', () => {
    expect(JSON.stringify(report)).not.toContain(PHONE);
    expect(text).not.toContain(PHONE);
    expect(JSON.stringify(report)).not.toContain('13900001111');
    expect(report.understanding.top[0]?.text).toContain('138');
  });

  it('renders the Chinese plain-text report for the 一月一报', () => {
    expect(text).toContain('2026-11-01至2026-11-30群众咨询梳理分析报告');
    expect(text).toContain('本期共收到群众咨询消息8条，涉及群众5人（上期5条、3人，消息量上升3）');
    expect(text).toContain('最低生活保障（低保）4条（上期1条，上升3）');
    expect(text).toContain('五保供养1条（上期3条，下降2）');
    expect(text).toContain('本期新受理4件，办结2件（按期办结1件，超期办结1件）；尚未办结且已超期2件');
    expect(text).toContain('办结平均用时9.5个工作日');
    expect(text).toContain('超期未办结：C4');
    expect(text).toContain('办理时限未经节假日数据核准：C5');
    expect(text).toContain('“最低生活保障（低保）”方面本期收到投诉2件');
    expect(text).toContain('满意1，基本满意0，不满意1（满意率50%）');
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it('says satisfaction is not yet recorded, and nothing needs attention, for an empty period', async () => {
    const empty = await buildReport({ from: '2025-01-01', to: '2025-01-31', now: beijing('2025-02-01 09:00') });
    expect(empty.inquiries.messages).toBe(0);
    expect(empty.satisfaction.recorded).toBe(false);
    const t = renderReportText(empty);
    expect(t).toContain('本期尚未记录群众满意度评价');
    expect(t).toContain('本期没有未能识别的咨询');
    expect(t).toContain('本期没有需要特别关注的事项');
  });
});
