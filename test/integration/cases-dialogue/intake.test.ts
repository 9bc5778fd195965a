import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOWNSHIP_TZ } from '../../../src/calendar/index.js';
import { CaseModel } from '../../../src/cases/index.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { caseNumberIn, casesFeature, fullWidth, RecordingDeliverer, TOKEN, villager } from './wechat-helpers.js';

describe('complaint intake on WeChat, end to end', () => {
  useTestDatabase('cases_intake');
  let bot: TestBot;
  const created: string[] = [];
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    bot = await startTestBot({ WECHAT_TOKEN: TOKEN }, { deliverer: new RecordingDeliverer() });
    casesFeature(bot).caseEvents.on('created', (c) => created.push(c.number));
  });
  afterAll(async () => { await bot.close(); });

  it('reads a told story back at once, takes what is added, reads back masked, registers on 对', async () => {
    const say = villager(bot, 'o_rich');
    const q = await say('我要投诉 大王村的村会计上个月克扣了俺家的低保金 八百块');
    expect(q).toContain('我核对一下');
    expect(q).toContain('哪个村：大王村');
    expect(q).toContain('您希望怎么处理：（未说明）');
    const back = await say('要求退钱 我叫王大明 电话13812345678 身份证110101199003074514');
    expect(back).toContain('138****5678');
    expect(back).not.toContain('13812345678');
    expect(back).not.toContain('王大明');
    expect(await CaseModel.countDocuments({ 'complainant.userId': 'o_rich' })).toBe(0);
    const done = await say('对');
    const number = caseNumberIn(done);
    const c = await CaseModel.findOne({ number }).lean();
    expect(c?.kind).toBe('complaint');
    expect(c?.officeCode).toBe('jiwei'); // 克扣 is misconduct: 纪委, whatever the service
    expect(c?.firstResponderId).toBe('s08');
    expect(c?.complainant).toMatchObject({ channel: 'wechat', userId: 'o_rich', name: '王大明', phone: '13812345678', anonymous: false });
    expect(c?.details).toMatchObject({ village: '大王村', when: '上个月', who: '村会计', wants: '要求退钱' });
    expect(done).toContain('纪委');
    expect(done).toContain('首问责任人：吴十（纪检专干（示例））');
    expect(done).toContain('转给其他科室');
    const due = dayjs(c?.deadline.due).tz(TOWNSHIP_TZ).format('YYYY年M月D日');
    expect(done).toContain(`${due} 前答复您`);
    expect(created).toContain(number);
  });

  it('accepts an anonymous complaint and says the identity is kept confidential', async () => {
    const say = villager(bot, 'o_anon');
    expect(await say('我要举报村主任收红包 上礼拜在村部 要求退钱')).toContain('哪个村');
    expect(await say('不想留 不知道')).toContain('匿名（身份保密）');
    const done = await say('确认');
    const c = await CaseModel.findOne({ number: caseNumberIn(done) }).lean();
    expect(c?.complainant).toMatchObject({ anonymous: true });
    expect(c?.complainant.name).toBeUndefined();
    expect(done).toContain('保密');
  });

  it('creates one case when WeChat retries the confirming message', async () => {
    const say = villager(bot, 'o_retry');
    await say('我要投诉 石桥村的窗口工作人员上周态度恶劣 希望道歉');
    const msgId = '880000000000000001';
    const [a, b] = await Promise.all([say('对', msgId), say('对', msgId)]);
    const c = await say('对', msgId);
    expect(caseNumberIn(a ?? '')).toBe(caseNumberIn(b ?? ''));
    expect(c).toBe(a);
    expect(await CaseModel.countDocuments({ 'complainant.userId': 'o_retry' })).toBe(1);
  });

  it('creates one case when the villager taps 确认 twice (two different messages at once)', async () => {
    const say = villager(bot, 'o_double');
    await say('我要投诉 石桥村的窗口工作人员上周态度恶劣 希望道歉');
    const [a, b] = await Promise.all([say('对', '880000000000000101'), say('确认', '880000000000000102')]);
    const numbers = [caseNumberIn(a ?? ''), caseNumberIn(b ?? '')].filter(Boolean);
    expect(numbers.length).toBeGreaterThan(0);
    expect(new Set(numbers).size).toBe(1);
    expect(await CaseModel.countDocuments({ 'complainant.userId': 'o_double' })).toBe(1);
  });

  it('cancels at any step with 算了 and registers nothing', async () => {
    const say = villager(bot, 'o_cancel');
    await say('我要投诉');
    expect(await say('算了')).toContain('已取消');
    await say('我要投诉 石桥村的窗口工作人员上周态度恶劣 希望道歉');
    expect(await say('不投诉了')).toContain('已取消');
    expect(await say('对')).not.toContain('已登记');
    expect(await CaseModel.countDocuments({ 'complainant.userId': 'o_cancel' })).toBe(0);
  });

  it('tells progress by a full-width number and by 我的投诉, and nothing of another user\'s case', async () => {
    const say = villager(bot, 'o_progress');
    await say('我要投诉 石桥村的窗口工作人员上周态度恶劣 希望道歉');
    const number = caseNumberIn(await say('对'));
    const c = await CaseModel.findOne({ number }).lean();
    const due = dayjs(c?.deadline.due).tz(TOWNSHIP_TZ).format('YYYY年M月D日');
    const byNumber = await say(`${fullWidth(number)}到哪一步了`);
    expect(byNumber).toContain(number);
    expect(byNumber).toContain('已分派给经办人');
    expect(byNumber).toContain(due);
    expect(byNumber).toMatch(/经办：\S+（/);
    const mine = await say('我的投诉');
    expect(mine).toContain(number);
    const other = await villager(bot, 'o_nosy')(`查一下${number}`);
    expect(other).toContain(number);
    expect(other).toContain('已分派给经办人');
    expect(other).not.toContain('经办：');
    expect(other).not.toContain(due);
    expect(other).not.toContain('态度');
  });
});
