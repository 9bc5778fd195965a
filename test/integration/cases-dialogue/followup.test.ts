import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CaseModel } from '../../../src/cases/index.js';
import { ConversationModel } from '../../../src/conversations/conversation.model.js';
import { SatisfactionModel } from '../../../src/dialogue/flows/satisfaction.model.js';
import { InterviewModel, type InterviewRecord } from '../../../src/interviews/index.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { caseNumberIn, casesFeature, RecordingDeliverer, TOKEN, villager } from './wechat-helpers.js';

const WEEK_MS = 7 * 86_400_000;

describe('回访 after closing, 不满意 → 视频约谈 booked, changed once, a second change refused', () => {
  useTestDatabase('cases_followup');
  let bot: TestBot;
  const deliverer = new RecordingDeliverer();
  const staffEvents: { action: string; number: string }[] = [];
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    bot = await startTestBot({ WECHAT_TOKEN: TOKEN }, { deliverer });
    casesFeature(bot).caseEvents.on('updated', (c, change) => staffEvents.push({ action: change.action, number: c.number }));
  });
  afterAll(async () => { await bot.close(); });

  /** Registers a complaint through the bot, then the holder takes and closes it as the staff room would. */
  async function closedCase(openId: string): Promise<string> {
    const say = villager(bot, openId);
    await say('我要投诉 大王村的村会计上个月克扣了俺家的低保金 要求退钱');
    const number = caseNumberIn(await say('对'));
    const { cases, caseEvents } = casesFeature(bot);
    const c = await cases.find(number);
    const holder = c.holderId ?? '';
    await cases.take(number, holder);
    const closed = await cases.close(number, holder, '已责令退还八百元');
    caseEvents.emit('updated', closed, { action: 'close', actor: holder });
    await vi.waitFor(() => { expect(deliverer.sent.some((s) => s.caseNumber === number)).toBe(true); });
    return number;
  }

  it('asks the villager after closing and records 满意', async () => {
    const number = await closedCase('o_happy');
    const question = deliverer.sent.find((s) => s.caseNumber === number);
    expect(question).toMatchObject({ channel: 'wechat', userId: 'o_happy' });
    expect(question?.text).toContain('已责令退还八百元');
    expect(question?.text).toContain('不满意');
    expect((await ConversationModel.findOne({ key: 'wechat:o_happy' }).lean())?.pending).toBe('satisfaction');
    expect(await villager(bot, 'o_happy')('满意')).toContain('谢谢您的评价');
    expect((await SatisfactionModel.findOne({ caseNumber: number }).lean())?.rating).toBe('satisfied');
    expect((await CaseModel.findOne({ number }).lean())?.status).toBe('closed');
  });

  it('reopens on 不满意, offers three slots, books, allows one change within a week, refuses a second', async () => {
    const number = await closedCase('o_unhappy');
    const say = villager(bot, 'o_unhappy');
    const offer = await say('不满意');
    expect(offer).toContain('已重新办理');
    expect(offer).toMatch(/1\. .*\n2\. .*\n3\. /);
    expect((await CaseModel.findOne({ number }).lean())?.status).toBe('reopened');
    expect((await SatisfactionModel.findOne({ caseNumber: number }).lean())?.rating).toBe('unsatisfied');
    const offered = await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();
    expect(offered?.slotsOffered).toHaveLength(3);
    expect(offered?.leaderStaffId).toBe('s07'); // the complaint went to 纪委; its leader holds the interview

    expect(await say('2')).toContain('已预约');
    const booked = await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();
    expect(booked?.bookedAt?.getTime()).toBe(offered?.slotsOffered[1]?.getTime());
    expect(staffEvents).toContainEqual({ action: 'interview_booked', number });

    const change = await say('约谈能改时间吗');
    expect(change).toContain('一周内');
    const rescheduling = await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();
    const original = booked?.originalAt?.getTime() ?? 0;
    for (const s of rescheduling?.slotsOffered ?? []) {
      expect(s.getTime()).toBeLessThanOrEqual(original + WEEK_MS);
      expect(s.getTime()).not.toBe(booked?.bookedAt?.getTime());
    }
    expect(await say('1')).toContain('已预约');
    const changed = await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();
    expect(changed?.reschedules).toBe(1);
    expect(changed?.bookedAt?.getTime()).toBe(rescheduling?.slotsOffered[0]?.getTime());
    expect(staffEvents).toContainEqual({ action: 'interview_rescheduled', number });

    const refused = await say('我要改约谈时间');
    expect(refused).toContain('只能改一次');
    expect((await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>())?.bookedAt?.getTime()).toBe(changed?.bookedAt?.getTime());
  });

  it('reminds the villager and the staff room once before the slot, and records the outcome', async () => {
    const number = await closedCase('o_remind');
    const say = villager(bot, 'o_remind');
    await say('不满意');
    await say('1');
    const iv = await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>();
    const before = new Date((iv?.bookedAt?.getTime() ?? 0) - 3_600_000);
    const { interviews } = casesFeature(bot);
    expect(await interviews.sendDueReminders(before)).toBeGreaterThanOrEqual(1);
    expect(await interviews.sendDueReminders(before)).toBe(0);
    expect(deliverer.sent.filter((s) => s.caseNumber === number && s.reason === 'interview_reminder')).toHaveLength(1);
    expect(staffEvents).toContainEqual({ action: 'interview_reminder', number });
    const held = await interviews.recordOutcome(number, '领导当面说明处理结果，村民表示接受', 's07');
    expect(held.status).toBe('held');
    expect((await InterviewModel.findOne({ caseNumber: number }).lean<InterviewRecord>())?.outcome).toContain('村民表示接受');
  });

  it('starts booking from the interview intent for the latest unsatisfied case', async () => {
    const number = await closedCase('o_later');
    const say = villager(bot, 'o_later');
    await say('不满意');
    expect(await say('算了')).toContain('先不约了');
    const offer = await say('我要约谈');
    expect(offer).toContain(number);
    expect(offer).toMatch(/1\. /);
    expect(await say('3')).toContain('已预约');
  });
});
