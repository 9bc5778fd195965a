import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UnansweredQuestionModel } from '../../../src/answers/unanswered.model.js';
import { CaseModel } from '../../../src/cases/index.js';
import { ConversationModel } from '../../../src/conversations/conversation.model.js';
import { SatisfactionModel } from '../../../src/dialogue/flows/satisfaction.model.js';
import { InterviewModel, type InterviewRecord } from '../../../src/interviews/index.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { caseNumberIn, casesFeature, RecordingDeliverer, TOKEN, villager } from './wechat-helpers.js';

/** Issue 11 through /wechat: no flow asks a third time, 回访 waits for an open intake, what is stored is what was meant. */
describe('conversations that never trap a villager (/wechat)', () => {
  useTestDatabase('no_trap');
  let bot: TestBot;
  const deliverer = new RecordingDeliverer();
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    bot = await startTestBot({ WECHAT_TOKEN: TOKEN }, { deliverer });
  });
  afterAll(async () => { await bot.close(); });

  async function register(openId: string, confirm = '对'): Promise<string> {
    const say = villager(bot, openId);
    await say('我要投诉 大王村的村会计上个月克扣了俺家的低保金 要求退钱');
    return caseNumberIn(await say(confirm));
  }

  async function close(number: string): Promise<void> {
    const { cases, caseEvents } = casesFeature(bot);
    const c = await cases.find(number);
    const holder = c.holderId ?? '';
    await cases.take(number, holder);
    caseEvents.emit('updated', await cases.close(number, holder, '已责令退还八百元'), { action: 'close', actor: holder });
  }

  it('stores the story without the confirmation and the name and phone as contact', async () => {
    const say = villager(bot, 'o_story');
    await say('我要投诉 石桥村的村主任前天收了我家红包 要求退还');
    expect(await say('我姓刘 电话13812345678')).toContain('刘* 138****5678');
    const number = caseNumberIn(await say('嗯嗯 提交吧'));
    const c = await CaseModel.findOne({ number }).lean();
    expect(c?.details?.what).toBe('我要投诉 石桥村的村主任前天收了我家红包 要求退还');
    expect(c?.summary).not.toContain('提交');
    expect(c?.complainant).toMatchObject({ name: '刘', phone: '13812345678', anonymous: false });
  });

  it('holds the 回访 question while the villager is in the middle of a new complaint, and asks it when that one is registered', async () => {
    const number = await register('o_busy');
    const say = villager(bot, 'o_busy');
    expect(await say('还有个事 我要投诉')).toContain('事情经过');
    await close(number);
    await new Promise((r) => setTimeout(r, 300));
    expect(deliverer.sent.filter((s) => s.caseNumber === number)).toHaveLength(0);
    expect((await ConversationModel.findOne({ key: 'wechat:o_busy' }).lean())?.pending).toBe('complaint_intake');
    const readBack = await say('柳树村组长上礼拜把救灾米分给亲戚了 希望查查');
    expect(readBack).toContain('我核对一下');
    expect(readBack).not.toContain('请评价');
    const done = await say('就这些');
    expect(done).toMatch(/已登记，编号 T\d{8}-\d{4}/);
    expect(done).toContain(`您反映的事项 ${number} 已办结`);
    expect(await say('2')).toContain('谢谢您的评价');
    expect((await SatisfactionModel.findOne({ caseNumber: number }).lean())?.rating).toBe('partly');
  });

  it('asks the 回访 question again once, then numbered choices with a person, and 4 registers a handoff case', async () => {
    const number = await register('o_rate', '要得');
    await close(number);
    await vi.waitFor(() => { expect(deliverer.sent.some((s) => s.caseNumber === number)).toBe(true); });
    const say = villager(bot, 'o_rate');
    expect(await say('嗯？')).toContain('请回复 1 满意');
    const choices = await say('啥意思');
    expect(choices).toContain('4. 转给工作人员');
    const handoff = await say('4');
    const handoffNumber = caseNumberIn(handoff);
    expect(handoff).toContain('咨询转人工');
    expect((await CaseModel.findOne({ number: handoffNumber }).lean())?.kind).toBe('handoff');
    expect(await SatisfactionModel.countDocuments({ caseNumber: number })).toBe(0);
  });

  it('books an interview slot by "第二个" after a miss, and offers a person when the villager stays lost', async () => {
    const number = await register('o_slot', '可以可以');
    await close(number);
    await vi.waitFor(() => { expect(deliverer.sent.some((s) => s.caseNumber === number)).toBe(true); });
    const say = villager(bot, 'o_slot');
    expect(await say('不太满意 还是没退钱')).toContain('视频约谈');
    expect(await say('哪个时间好啊')).toContain('请回复序号');
    const offered = await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();
    expect(await say('对 第二个')).toContain('已预约');
    const booked = await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();
    expect(booked?.bookedAt?.getTime()).toBe(offered?.slotsOffered[1]?.getTime());

    const lost = await register('o_lost');
    await close(lost);
    await vi.waitFor(() => { expect(deliverer.sent.some((s) => s.caseNumber === lost)).toBe(true); });
    const say2 = villager(bot, 'o_lost');
    expect(await say2('3')).toContain('视频约谈');
    expect(await say2('啥')).toContain('请回复序号');
    expect(await say2('看不懂')).toContain('4. 转给工作人员');
    expect(await say2('4')).toContain('咨询转人工');
  });

  it('counts what it could not answer for the report, masked', async () => {
    const say = villager(bot, 'o_count');
    expect(await say('大病救济的钱是打到卡上还是发现金')).toContain('没有写明');
    const rows = await UnansweredQuestionModel.find({ reason: 'no_fact' }).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'wechat', service: 'dabing', textMasked: '大病救济的钱是打到卡上还是发现金' });
    expect(await say('身份证丢了去哪补 号码110101199003071234')).toContain('派出所');
    const redirect = await UnansweredQuestionModel.findOne({ reason: 'redirect' }).lean();
    expect(redirect?.textMasked).toContain('身份证丢了去哪补');
    expect(redirect?.textMasked).not.toContain('110101199003071234');
  });
});
