import { describe, expect, it } from 'vitest';
import { CaseModel, type CaseRecord, type CreateCaseInput } from '../../../src/cases/index.js';
import { useStaffRoom } from './harness.js';

const PHONE = '13812345678';
const SECRET = '村干部收了两条烟才给盖章';

describe('the staff room hears of changes made outside it, and keeps confidential cases out of sight', () => {
  const { t, room } = useStaffRoom('staffroomupdates');
  let seq = 0;

  async function newCase(over: Partial<CreateCaseInput> = {}): Promise<{ c: CaseRecord; card: string }> {
    seq++;
    const c = await t.ctx.cases.createCase({
      kind: 'complaint', service: 'dibao', summary: `电话${PHONE}，低保申请三个月没有回音`,
      complainant: { channel: 'web', userId: `villager-${seq}`, name: '李大明', phone: PHONE, anonymous: false },
      ...over,
    });
    t.ctx.caseEvents.emit('created', c);
    const card = await room.waitForPost((p) => p.includes(c.number) && p.includes('【新案件】'));
    return { c, card };
  }

  /** Posts about this case, after a 查 as a barrier (the room answers in order, so anything pending came first). */
  async function postsAbout(number: string, marker: string): Promise<string[]> {
    await room.say('褚丁', `查 ${number}`);
    return room.posts.filter((p) => p.includes(number) && p.includes(marker));
  }

  it('an undeliverable message posts a phone-call alert to holder and first responder, without the phone number', async () => {
    const { c } = await newCase();
    const from = room.posts.length;
    // what the composition root does when the outbox gives up on a message
    const flagged = await CaseModel.findOneAndUpdate({ number: c.number }, { $set: { needsPhoneCall: true } }, { returnDocument: 'after' }).lean<CaseRecord>();
    if (!flagged) throw new Error('case vanished');
    t.ctx.caseEvents.emit('updated', flagged, { action: 'needs_phone_call', actor: 'system', note: 'wechat 48h window closed' });
    const alert = await room.waitForPost((p) => p.includes('【需电话联系】'), from);
    expect(alert).toContain(c.number);
    expect(alert).toContain('请电话联系反映人');
    expect(alert).toContain('李**');
    expect(alert).toContain('@赵六'); // first responder and holder
    expect(alert).not.toContain(PHONE);
    expect(alert).not.toContain('李大明');
    t.ctx.caseEvents.emit('updated', flagged, { action: 'needs_phone_call', actor: 'system', note: 'wechat 48h window closed' });
    const shown = await room.say('赵六', `查 ${c.number}`);
    expect(shown).toContain('需电话联系反映人');
    expect(shown).not.toContain(PHONE);
    expect(room.posts.filter((p) => p.includes('【需电话联系】') && p.includes(c.number))).toHaveLength(1);
  });

  it('posts interview bookings and a reopened case once; room commands are not posted twice', async () => {
    const { c } = await newCase();
    const slot = new Date('2026-03-04T02:00:00Z');
    const booked = await t.ctx.cases.find(c.number);
    t.ctx.caseEvents.emit('updated', booked, { action: 'interview_booked', actor: 'villager', note: slot.toISOString() });
    t.ctx.caseEvents.emit('updated', booked, { action: 'interview_booked', actor: 'villager', note: slot.toISOString() });
    const line = await room.waitForPost((p) => p.includes(c.number) && p.includes('预约视频约谈'));
    expect(line).toContain('2026-03-04 10:00');
    expect(await postsAbout(c.number, '预约视频约谈')).toHaveLength(1);

    const before = room.posts.length;
    expect(await room.say('赵六', `接单 ${c.number}`)).toContain('已由 赵六');
    expect(await room.say('赵六', `办结 ${c.number} 已核实并答复`)).toContain('已办结');
    await postsAbout(c.number, '');
    expect(room.posts.length - before).toBe(3); // two answers and the barrier's, nothing else

    const reopened = await t.ctx.cases.reopen(c.number, 'villager', `还是没办，电话${PHONE}`);
    t.ctx.caseEvents.emit('updated', reopened, { action: 'reopen', actor: 'villager', note: `还是没办，电话${PHONE}` });
    t.ctx.caseEvents.emit('updated', reopened, { action: 'reopen', actor: 'villager', note: `还是没办，电话${PHONE}` });
    const again = await room.waitForPost((p) => p.includes(c.number) && p.includes('不满意'));
    expect(again).toContain('@赵六');
    expect(again).toContain('@王五'); // the office leader
    expect(again).not.toContain(PHONE);
    expect(await postsAbout(c.number, '不满意')).toHaveLength(1);
  });

  it('a misconduct case is posted without its summary; 查 shows it only to those on the case and 纪委', async () => {
    const { c, card } = await newCase({ service: undefined, category: '吃拿卡要', summary: SECRET });
    expect(c.officeCode).toBe('jiwei');
    expect(card).toContain('纪委办理，详情见管理后台');
    expect(card).toContain('投诉');
    expect(card).not.toContain(SECRET);
    expect(card).not.toContain('李**');
    expect(card).toContain('首问责任人：吴十');
    const outsider = await room.say('赵六', `查 ${c.number}`);
    expect(outsider).toContain('详情见管理后台');
    expect(outsider).not.toContain(SECRET);
    expect(await room.say('周九', `查 ${c.number}`)).toContain(SECRET); // 纪委 leader
    expect(await room.say('李四', `查 ${c.number}`)).toContain(SECRET); // admin role
  });

  it('a case that names a staff member hides its summary, and that member\'s 查 is refused', async () => {
    const { c, card } = await newCase({ summary: `低保的事找赵六办，${SECRET}`, namedStaffIds: ['s04'] });
    expect(c.conflictStaffIds).toContain('s04');
    expect(card).not.toContain(SECRET);
    expect(card).not.toContain('@赵六');
    const refused = await room.say('赵六', `查 ${c.number}`);
    expect(refused).toContain('回避');
    expect(refused).not.toContain(SECRET);
  });
});
