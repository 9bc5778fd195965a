import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../../src/cases/index.js';
import { ConversationModel } from '../../../src/conversations/conversation.model.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { caseNumberIn, RecordingDeliverer, TOKEN, villager } from './wechat-helpers.js';

/** The conversation's stored pending state and data, as the next turn will read them. */
/** The stored intake state; `asides` (how many questions were answered on the side, for the reminder's wording) left out. */
async function stored(openId: string): Promise<{ pending?: string; pendingData?: unknown }> {
  const c = await ConversationModel.findOne({ key: `wechat:${openId}` }).lean<{ pending?: string; pendingData?: Record<string, unknown> }>();
  const data = c?.pendingData ? { ...c.pendingData } : undefined;
  if (data) delete data.asides;
  return { pending: c?.pending, pendingData: data };
}

describe('intake gaps: asides, whole times, a second question, asides at the read-back', () => {
  useTestDatabase('cases_intake_gaps');
  let bot: TestBot;
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    bot = await startTestBot({ WECHAT_TOKEN: TOKEN }, { deliverer: new RecordingDeliverer() });
  });
  afterAll(async () => { await bot.close(); });

  it('answers unrelated questions mid-intake, keeps the intake and its data, and keeps them out of the case', async () => {
    const say = villager(bot, 'o_aside');
    const ask = await say('我要投诉 大王村的村会计克扣了俺家的低保金 八百块');
    expect(ask).toContain('什么时候');
    const before = await stored('o_aside');
    expect(before.pending).toBe('complaint_intake');

    const policy = await say('低保一个月发多少钱?');
    expect(policy).toContain('低保');
    expect(policy).toContain('您的投诉还没有提交');
    expect(policy).toContain('算了');
    expect(policy).not.toContain('我核对一下');
    expect(await stored('o_aside')).toEqual(before);

    const where = await say('民政办在哪');
    expect(where).toContain('【镇民政办·联系方式】');
    expect(where).toContain('您的投诉还没有提交');
    expect(where).not.toContain('我核对一下');
    expect(await stored('o_aside')).toEqual(before);

    const progress = await say('T20261120-0007 办得怎样了');
    expect(progress).toContain('T20261120-0007');
    expect(progress).toContain('您的投诉还没有提交');
    expect(await stored('o_aside')).toEqual(before);

    const back = await say('上个月15号 要求退钱');
    expect(back).toContain('我核对一下');
    expect(back).toContain('什么时候：上个月15号');
    expect(back).not.toContain('发多少钱');
    expect(back).not.toContain('民政办在哪');
    const number = caseNumberIn(await say('对'));
    const c = await CaseModel.findOne({ number }).lean();
    expect(c?.details).toMatchObject({ village: '大王村', when: '上个月15号', wants: '要求退钱' });
    expect(c?.details.what).not.toMatch(/发多少钱|在哪|T2026/);
  });

  it('takes a question with an answer cue in it as the answer (a village is named)', async () => {
    const say = villager(bot, 'o_cue');
    await say('我要投诉 村主任收红包 要求退钱');
    const back = await say('石桥村的 上周 低保一个月发多少钱');
    expect(back).toContain('哪个村：石桥村');
    expect(back).not.toContain('还没有提交');
  });

  it('keeps times whole: 今年三月, 前天下午, 2026年10月', async () => {
    for (const [openId, when] of [['o_t1', '今年三月'], ['o_t2', '前天下午'], ['o_t3', '2026年10月']] as const) {
      const say = villager(bot, openId);
      const q = await say(`我要投诉 大王村的村会计${when}克扣了俺家的低保金 要求退钱`);
      expect(q, openId).toContain(`什么时候：${when}`);
    }
  });

  it('asks once more for what is still missing when the answer gives only the village, then reads back', async () => {
    const say = villager(bot, 'o_piece');
    const first = await say('我要投诉');
    expect(first).toContain('事情经过');
    const again = await say('大王村的');
    expect(again).toContain('还差：事情经过');
    expect(again).not.toContain('哪个村');
    expect(again).not.toContain('我核对一下');
    expect(await CaseModel.countDocuments({ 'complainant.userId': 'o_piece' })).toBe(0);
    const back = await say('村会计克扣了俺家的低保金');
    expect(back).toContain('我核对一下');
    expect(back).toContain('哪个村：大王村');
    expect(back).toContain('事情经过：村会计克扣了俺家的低保金');
    expect(back).toContain('什么时候：（未说明）');
  });

  it('never asks more than two questions: the second answer goes to the read-back whatever it lacks', async () => {
    const say = villager(bot, 'o_two');
    await say('我要投诉');
    expect(await say('上个月')).toContain('还差：事情经过、哪个村');
    const back = await say('要求退钱');
    expect(back).toContain('我核对一下');
    expect(back).toContain('哪个村：（未说明）');
    expect(back).toContain('什么时候：上个月');
  });

  it('reads a told story back at once, and asks nothing more after 不知道', async () => {
    const say = villager(bot, 'o_dunno');
    const first = await say('我要投诉 村主任收红包');
    expect(first).toContain('我核对一下');
    expect(first).toContain('哪个村：（未说明）');
    const back = await say('不知道');
    expect(back).not.toContain('还差');
    expect(back).toContain('回复“对”');
    expect(await CaseModel.countDocuments({ 'complainant.userId': 'o_dunno' })).toBe(0);
  });

  it('at the read-back answers another matter and keeps the read-back; a correction is still appended', async () => {
    const say = villager(bot, 'o_readback');
    await say('我要投诉 石桥村的窗口工作人员上周态度恶劣 希望道歉');
    const before = await stored('o_readback');
    expect(before.pendingData).toMatchObject({ step: 'confirm' });
    const aside = await say('办低保要带什么材料');
    expect(aside).toContain('户口');
    expect(aside).toContain('您的投诉还没有提交');
    expect(aside).toContain('回复“对”');
    expect(await stored('o_readback')).toEqual(before);
    const corrected = await say('他还把我的材料扔了');
    expect(corrected).toContain('我核对一下');
    expect(corrected).toContain('他还把我的材料扔了');
    const number = caseNumberIn(await say('对'));
    const c = await CaseModel.findOne({ number }).lean();
    expect(c?.details.what).toContain('他还把我的材料扔了');
    expect(c?.details.what).not.toContain('带什么材料');
  });

  it('a handoff takes the question itself as its details (no aside at its first step) and registers it at once', async () => {
    const say = villager(bot, 'o_handoff');
    await say('转人工');
    const done = await say('低保一个月发多少钱');
    const c = await CaseModel.findOne({ number: caseNumberIn(done) }).lean();
    expect(c?.kind).toBe('handoff');
    expect(c?.details.what).toBe('低保一个月发多少钱');
  });
});
