import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/cases/index.js';
import { InterviewModel, InterviewService, type InterviewRecord } from '../../../src/interviews/index.js';
import { beijingDay } from '../../../src/staffroom/resolve.js';
import { useStaffRoom } from './harness.js';

const HANDLES = ['张三', '李四', '王五', '赵六', '孙八'];

describe('驳回, 中止/恢复 and 约谈记录 in the staff room', () => {
  const { t, room } = useStaffRoom('staffroom_decisions', HANDLES);
  let seq = 0;

  async function newCase(kind: 'complaint' | 'disclosure' = 'complaint'): Promise<CaseRecord> {
    seq++;
    const c = await t.ctx.cases.createCase({
      kind, service: kind === 'complaint' ? 'dibao' : 'yishenqing',
      summary: kind === 'complaint' ? '低保申请三个月没有回音' : '申请公开本村2025年低保名单',
      details: { what: '低保', village: '东村' },
      complainant: { channel: 'web', userId: `villager-${seq}`, name: '李大明', anonymous: false },
    });
    t.ctx.caseEvents.emit('created', c);
    await room.waitForPost((p) => p.includes(c.number) && p.includes('【新案件】'));
    return c;
  }

  const toldTo = (c: CaseRecord) => t.delivered.filter((d) => d.meta?.caseNumber === c.number).map((d) => ({ target: d.target, text: d.reply.parts.join('') }));
  const updatesOf = (c: CaseRecord) => t.updates.filter((u) => u.record.number === c.number).map((u) => [u.action, u.actor, u.note]);

  it('延期 then 驳回 by the leader: the extension is refused, the deadline stands, the villager is told', async () => {
    const c = await newCase();
    await room.say('赵六', `接单 ${c.number}`);
    await room.say('赵六', `延期 ${c.number} 5天 需入户核查`);
    expect(await room.say('赵六', `驳回 ${c.number} 自己不能审批`)).toContain('没有审批权限');
    expect(await room.say('王五', `驳回 ${c.number}`)).toContain('用法：驳回 编号 理由');
    const answer = await room.say('王五', `驳回：${c.number}，证据已齐，请按期办结。`);
    expect(answer).toContain('延期申请未获批准（理由：证据已齐，请按期办结。）');
    expect(answer).toContain('已告知反映人');
    const after = await t.ctx.cases.find(c.number);
    expect(after.deadline.due).toEqual(c.deadline.due);
    expect(after.extensions).toMatchObject([{ days: 5, decision: 'refused', decidedBy: 's03' }]);
    expect(toldTo(c)).toEqual([{ target: { channel: 'web', userId: c.complainant.userId }, text: expect.stringContaining(`在 ${beijingDay(c.deadline.due)} 前办结`) as string }]);
    expect(toldTo(c)[0]?.text).toContain('延期申请未获领导批准');
    expect(updatesOf(c).at(-1)).toEqual(['refuseExtension', 's03', '证据已齐，请按期办结。']);
    expect(await room.say('王五', `驳回 ${c.number} 再次驳回`)).toContain('没有待审批的延期申请');
  });

  it('否定 then 驳回: the filing is refused, the case runs again on its old deadline, the villager is told', async () => {
    const c = await newCase();
    await room.say('赵六', `接单 ${c.number}`);
    await room.say('赵六', `否定 ${c.number} 家庭收入超标 《社会救助暂行办法》第九条`);
    expect((await t.ctx.cases.find(c.number)).status).toBe('rejectionFiled');
    const answer = await room.say('王五', `驳回 ${c.number} 收入核算有误，请重新入户核查`);
    expect(answer).toContain('否定报备未获批准');
    expect(answer).toContain('请 赵六（民政专干（示例）） 继续办理');
    const after = await t.ctx.cases.find(c.number);
    expect(after).toMatchObject({ status: 'taken', rejection: { decision: 'refused', decidedBy: 's03' } });
    expect(after.deadline.due).toEqual(c.deadline.due);
    expect(after.history.at(-1)).toMatchObject({ action: 'refuseRejection', note: '收入核算有误，请重新入户核查' });
    const told = toldTo(c);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('继续办理');
    expect(told[0]?.text).toContain(beijingDay(c.deadline.due));
    expect(updatesOf(c).at(-1)).toEqual(['refuseRejection', 's03', '收入核算有误，请重新入户核查']);
  });

  it('中止 on a complaint is refused with the reason; nothing is sent to the villager', async () => {
    const c = await newCase();
    await room.say('赵六', `接单 ${c.number}`);
    expect(await room.say('赵六', `中止 ${c.number} 暴雨停电`)).toContain('只有依申请公开事项可以中止计时');
    expect((await t.ctx.cases.find(c.number)).status).toBe('taken');
    expect(toldTo(c)).toEqual([]);
  });

  it('约谈记录 is archived on the interview, once, by someone who may', async () => {
    const c = await newCase();
    await room.say('赵六', `接单 ${c.number}`);
    expect(await room.say('王五', `约谈记录 ${c.number} 已说明`)).toContain('没有已预约的视频约谈');
    const interviews = new InterviewService({ calendar: t.ctx.calendar, cases: t.ctx.cases, caseEvents: t.ctx.caseEvents, deliverer: t.ctx.deliverer, reminderText: () => '提醒', now: t.now });
    await interviews.offer(c.number);
    await interviews.book(c.number, 1);
    await room.waitForPost((p) => p.includes(`案件 ${c.number}：反映人已预约视频约谈`));
    expect(await room.say('孙八', `约谈记录 ${c.number} 已说明`)).toContain('由约谈领导、经办人');
    const before = room.posts.length;
    const answer = await room.say('王五', `约谈记录 ${c.number} 王主任当面说明核查结果；村民：表示接受。`);
    expect(answer).toContain(`案件 ${c.number} 的视频约谈记录已存档`);
    const iv = await InterviewModel.findOne({ caseNumber: c.number }).lean<InterviewRecord>();
    expect(iv).toMatchObject({ status: 'held', outcome: '王主任当面说明核查结果；村民：表示接受。' });
    expect(updatesOf(c).at(-1)).toEqual(['interview_held', 's03', '王主任当面说明核查结果；村民：表示接受。']);
    await room.say('王五', `查 ${c.number}`); // the room has handled everything before this
    expect(room.posts.slice(before).filter((p) => p.includes('视频约谈已举行'))).toEqual([]);
  });

  it('中止 / 恢复 on a disclosure request: the deadline moves by the working days paused; the applicant is told both times', async () => {
    const c = await newCase('disclosure');
    const holder = await room.say('李四', `接单 ${c.number}`);
    expect(holder).toContain('已由 李四');
    const taken = await t.ctx.cases.find(c.number);
    expect(await room.say('李四', `中止 ${c.number}`)).toContain('须写明理由');
    const paused = await room.say('李四', `中止：${c.number}，档案室因暴雨停电，无法调档。`);
    expect(paused).toContain('已中止计时（原因：档案室因暴雨停电，无法调档。）');
    expect(paused).toContain('已告知反映人');
    expect((await t.ctx.cases.find(c.number)).status).toBe('paused');
    expect(toldTo(c)[0]?.text).toContain('办理期限依规中止。\n中止原因：档案室因暴雨停电，无法调档。');

    t.setNow('2026-03-05T09:00:00'); // Monday → Thursday: 3, 4, 5 March are given back
    const resumed = await room.say('李四', `恢复 ${c.number}`);
    expect(resumed).toContain('补回 3 个工作日');
    const after = await t.ctx.cases.find(c.number);
    expect(after.status).toBe('taken');
    expect(t.ctx.calendar.workingDaysBetween(taken.deadline.due, after.deadline.due)).toBe(3);
    expect(after.deadline.due.getTime()).toBeGreaterThan(taken.deadline.due.getTime());
    const told = toldTo(c);
    expect(told).toHaveLength(2);
    expect(told[1]?.text).toContain('恢复计算');
    expect(told[1]?.text).toContain(beijingDay(after.deadline.due));
    expect(updatesOf(c).slice(-2)).toEqual([['pauseClock', 's02', '档案室因暴雨停电，无法调档。'], ['resumeClock', 's02', '3']]);
  });

  it('帮助 lists the new commands; a malformed one gets its usage line', async () => {
    const help = await room.say('赵六', '帮助');
    for (const word of ['驳回 编号 理由', '中止 编号 原因', '恢复 编号', '约谈记录 编号 内容']) expect(help).toContain(word);
    expect(await room.say('赵六', '约谈记录 0001')).toContain('用法：约谈记录 编号 内容');
    expect(await room.say('赵六', '恢复 0001 好了')).toContain('用法：恢复 编号');
  });

  it('never posts the villager\'s name in the room', () => {
    expect(room.posts.join('\n')).not.toContain('李大明');
  });
});
