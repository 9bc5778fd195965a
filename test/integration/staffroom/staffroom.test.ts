import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/cases/index.js';
import { useStaffRoom } from './harness.js';

const FW_SPACE = '\u3000'; // ideographic space, as typed on a Chinese keyboard
const PHONE = '13812345678';
const ID_NUMBER = '110101199003071234';

describe('the staff room on a real Wechaty with a mock group', () => {
  const { t, room } = useStaffRoom('staffroom');
  let seq = 0;

  async function newCase(over: { service?: string; summary?: string } = {}): Promise<CaseRecord> {
    seq++;
    const c = await t.ctx.cases.createCase({
      kind: 'complaint', service: over.service ?? 'dibao',
      summary: over.summary ?? `我叫李大明，电话${PHONE}，身份证${ID_NUMBER}，低保申请三个月没有回音`,
      details: { what: '低保申请三个月没有回音', village: '东村' },
      complainant: { channel: 'web', userId: `villager-${seq}`, name: '李大明', phone: PHONE, anonymous: false },
    });
    t.ctx.caseEvents.emit('created', c);
    await room.waitForPost((p) => p.includes(c.number) && p.includes('【新案件】'));
    return c;
  }

  it('posts a masked card for a new case, with the first responder by name and post', async () => {
    const c = await newCase();
    const card = await room.waitForPost((p) => p.includes(c.number));
    expect(card).toContain('投诉');
    expect(card).toContain('最低生活保障');
    expect(card).toContain('李**');
    expect(card).toContain('138****5678');
    expect(card).toContain('首问责任人：赵六（民政专干（示例））');
    expect(card).toContain('@赵六');
    expect(card).not.toContain('李大明');
    t.ctx.caseEvents.emit('created', c); // a retried intake announces it again
    expect(await room.say('赵六', `查 ${c.number}`)).toContain('待接单');
    expect(room.posts.filter((p) => p.includes(`【新案件】${c.number}`))).toHaveLength(1);
  });

  it('接单 → 转办 (reason required; first responder kept) → 接单 → 回复 relayed to the villager → 办结', async () => {
    const c = await newCase();
    const last4 = c.number.slice(-4);
    expect(await room.say('赵六', `接单 ${last4}`)).toContain(`案件 ${c.number} 已由 赵六`);
    expect(await room.say('赵六', `转办 ${c.number} 劳动保障站`)).toContain('须写明理由');
    const moved = await room.say('赵六', `转办：${c.number}${FW_SPACE}劳动保障站${FW_SPACE}属失业登记问题`);
    expect(moved).toContain('转办至劳动保障站');
    expect(moved).toContain('经办人：孙八');
    expect(moved).toContain('首问责任人仍为 赵六');
    const afterMove = await t.ctx.cases.find(c.number);
    expect(afterMove).toMatchObject({ officeCode: 'laodong', holderId: 's06', firstResponderId: 's04', status: 'transferred' });

    const fullWidth = c.number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace('T', 'Ｔ');
    expect(await room.say('孙八', `接单${FW_SPACE}${fullWidth}`)).toContain('已由 孙八');
    const answer = await room.say('孙八', `回复 ${last4} 您的失业登记已办好，请到站里领取证明。`);
    expect(answer).toContain('答复已发送给反映人');
    const sent = t.delivered.find((d) => d.meta?.caseNumber === c.number);
    expect(sent?.target).toEqual({ channel: 'web', userId: c.complainant.userId });
    expect(sent?.reply.parts.join('')).toContain('您的失业登记已办好');

    expect(await room.say('孙八', `办结 ${last4} 已登记并答复`)).toContain(`案件 ${c.number} 已办结`);
    expect((await t.ctx.cases.find(c.number)).status).toBe('closed');
    const actions = t.updates.filter((u) => u.record.number === c.number).map((u) => [u.action, u.actor]);
    expect(actions).toEqual([['take', 's04'], ['transfer', 's04'], ['take', 's06'], ['reply', 's06'], ['close', 's06']]);
    expect(t.updates.find((u) => u.action === 'close' && u.record.number === c.number)?.note).toBe('已登记并答复');
  });

  it('a malformed command gets its usage line; an unknown one addressed to the bot gets the list', async () => {
    expect(await room.say('赵六', '转办')).toContain('用法：转办 编号 科室 原因');
    expect(await room.say('赵六', '延期 0001 几天')).toContain('用法：延期 编号 天数 原因');
    expect(await room.say('赵六', '帮我看看今天的事', true)).toContain('可用指令');
  });

  it('refuses a command the rules do not allow this person, and an unknown sender', async () => {
    const c = await newCase();
    expect(await room.say('孙八', `接单 ${c.number}`)).toContain('不属于您所在科室');
    await room.say('赵六', `接单 ${c.number}`);
    expect(await room.say('吴十', `办结 ${c.number} 办完了`)).toContain('不由您经办，不能执行“办结”');
    expect(await room.say('路人甲', `接单 ${c.number}`)).toContain('名册中没有您的昵称');
    expect((await t.ctx.cases.find(c.number)).holderId).toBe('s04');
  });

  it('延期 takes effect only when a leader answers 批准', async () => {
    const c = await newCase();
    await room.say('赵六', `接单 ${c.number}`);
    const asked = await room.say('赵六', `延期 ${c.number} 5天 需入户核查`);
    expect(asked).toContain('请 王五');
    expect((await t.ctx.cases.find(c.number)).deadline.due).toEqual(c.deadline.due);
    expect(await room.say('赵六', `批准 ${c.number}`)).toContain('没有审批权限');
    expect(await room.say('王五', `批准 ${c.number}`)).toContain('延期已批准');
    const after = await t.ctx.cases.find(c.number);
    expect(after.deadline.due.getTime() - c.deadline.due.getTime()).toBe(5 * 86_400_000);
  });

  it('否定 is filed for the leader, who approves within the procedure', async () => {
    const c = await newCase();
    await room.say('赵六', `接单 ${c.number}`);
    expect(await room.say('赵六', `否定 ${c.number} 不符合条件`)).toContain('须写明法律、政策依据');
    const filed = await room.say('赵六', `否定 ${c.number} 家庭收入超过低保标准 《社会救助暂行办法》第九条`);
    expect(filed).toContain('请 王五');
    expect(filed).toContain('书面告知反映人');
    expect(await room.say('王五', `批准 ${c.number}`)).toContain('否定报备已批准');
    expect((await t.ctx.cases.find(c.number)).status).toBe('rejected');
  });

  it('drops a message delivered twice and the backlog from before the login', async () => {
    const c = await newCase();
    room.inject('赵六', `接单 ${c.number}`, { timestamp: Date.now() - 3_600_000 });
    const id = room.inject('赵六', `接单 ${c.number}`);
    await room.waitForPost((p) => p.includes(`${c.number} 已由 赵六`));
    room.inject('赵六', `接单 ${c.number}`, { id });
    expect(await room.say('赵六', `查 ${c.number}`)).toContain('办理中');
    expect(room.posts.filter((p) => p.includes(c.number) && /已由|不能执行/.test(p))).toHaveLength(1);
    expect(t.updates.filter((u) => u.record.number === c.number)).toHaveLength(1);
  });

  it('查 shows the case masked; 值班 lists who is on duty; 请假 sets a substitute', async () => {
    const c = await newCase();
    const shown = await room.say('赵六', `查 ${c.number}`);
    expect(shown).toContain('待接单');
    expect(shown).toContain('李**');
    const duty = await room.say('李四', '值班');
    expect(duty).toContain('民政办：赵六');
    expect(await room.say('赵六', '请假 到 3月4日 由 王五 替岗')).toContain('由 王五（民政办主任（示例）） 替岗');
    expect(await room.say('李四', '值班')).toContain('民政办：王五');
  });

  it('never posts an unmasked phone number, ID number or the villager\'s name', () => {
    const all = room.posts.join('\n');
    if (process.env.SHOW_POSTS) console.log(all);
    expect(room.posts.length).toBeGreaterThan(10);
    expect(all).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(all).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
    expect(all).not.toContain('李大明');
  });
});
