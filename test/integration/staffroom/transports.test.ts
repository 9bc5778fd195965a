import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../../src/cases/index.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { startFakeWechatApi, type FakeWechatApi } from '../../helpers/fake-wechat-api.js';
import { STAFF_GROUPS, startStaffGroup, type StaffGroupDriver } from '../../helpers/staff-groups.js';
import { WECHAT, WechatVillager } from '../case-lifecycle/parties.js';

const PHONE = '13812345678';
const NAME = '王大明';
const UNMASKED_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const HANDLES = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴十', '路人甲'];

/**
 * One conversation, the whole life of a complaint, run against the real bot on every platform the staff
 * room runs on, each through its own protocol (issue 14): a villager on /wechat (safe mode), the staff
 * group on 企业微信 (encrypted callbacks + 消息推送), a QQ group (OneBot), a Telegram group, Wechaty.
 */
describe.each(STAFF_GROUPS)('the staff room on %s: a complaint from /wechat to 回访', (transport) => {
  useTestDatabase(`staffroom_${transport}`);
  let api: FakeWechatApi;
  let bot: TestBot;
  let group: StaffGroupDriver;
  let villager: WechatVillager;
  let number = '';

  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    api = await startFakeWechatApi();
    group = await startStaffGroup(transport, HANDLES);
    bot = await startTestBot({
      WECHAT_TOKEN: WECHAT.token, WECHAT_APPID: WECHAT.appId, WECHAT_ENCODING_AES_KEY: WECHAT.aesKey,
      WECHAT_APPSECRET: WECHAT.secret, WECHAT_API_BASE: api.url, ...group.env,
    });
    group.open(bot);
    villager = new WechatVillager(bot.url, api, `o_room_${transport}`);
  });
  afterAll(async () => {
    await bot.close();
    await api.close();
    await group.close();
  });

  it('/healthz says which staff room is active', async () => {
    const health = (await (await fetch(`${bot.url}/healthz`)).json()) as { staffRoom?: string };
    expect(health.staffRoom).toBe(transport);
  });

  it('a complaint through /wechat puts a masked card with its number into the group, @-ing the first responder', async () => {
    expect(await villager.say('我要投诉 大王村的村会计上个月克扣了俺家的低保金 八百块')).toContain('您希望怎么处理');
    await villager.say(`要求退钱 我叫${NAME} 电话${PHONE}`);
    const done = await villager.say('确认');
    number = /T\d{8}-\d{4,}/.exec(done)?.[0] ?? '';
    expect(number).not.toBe('');
    const card = await group.waitForPost((p) => p.includes(`【新案件】${number}`));
    expect(card).toContain('首问责任人：吴十（纪检专干（示例））');
    expect(card).toContain(group.mentionOf('吴十'));
    // a 纪委 case shows no trace of the complainant in the shared room, not even masked (001 第四条)
    expect(card).toContain('详情见管理后台');
    expect(card).not.toContain('138****5678');
    expect(card).not.toMatch(UNMASKED_PHONE);
    expect(card).not.toContain(NAME);
  });

  it('refuses someone who is not in the roster, with the reason, and changes nothing', async () => {
    expect(await group.say('路人甲', `接单 ${number}`)).toMatch(/名册中没有您的(昵称|企业微信账号)/);
    expect((await CaseModel.findOne({ number }).lean())?.status).not.toBe('accepted');
  });

  it('接单 (the villager hears it) → 转办 → 回复 reaches the villager → 办结 → the villager is asked 回访', async () => {
    expect(await group.say('吴十', `接单 ${number}`)).toContain(`案件 ${number} 已由 吴十`);
    expect(await villager.waitForPushed((t) => t.includes('已有工作人员接办'))).toContain(number);
    const moved = await group.say('吴十', `转办 ${number} 民政办 属低保金发放问题`);
    expect(moved).toContain('转办至民政办');
    expect(moved).toContain('首问责任人仍为 吴十');
    expect(await CaseModel.findOne({ number }).lean()).toMatchObject({ status: 'transferred', officeCode: 'minzheng', holderId: 's04', firstResponderId: 's08' });

    const answer = '经核查克扣的八百元低保金已责令村会计退还。本周内到账。';
    expect(await group.say('赵六', `回复 ${number.slice(-4)} ${answer}`)).toContain('答复已发送给反映人');
    expect(await villager.waitForPushed((t) => t.includes(answer))).toContain(number);

    // the case rules answer as they do for typed commands everywhere: not the holder, not allowed
    expect(await group.say('孙八', `办结 ${number} 办完了`)).toContain('不由您经办，不能执行“办结”');
    expect(await group.say('赵六', `办结 ${number} 已退还八百元`)).toContain(`案件 ${number} 已办结`);
    expect(await villager.waitForPushed((t) => t.includes('不满意'))).toContain('已退还八百元');
    const c = await CaseModel.findOne({ number }).lean();
    expect((c?.history ?? []).map((h) => [h.action, h.actor])).toEqual([
      ['create', 'system'], ['assign', 'system'], ['take', 's08'], ['transfer', 's08'], ['reply', 's04'], ['close', 's04'],
    ]);
  });

  it('不满意 reopens the case and the group hears it once, @-ing holder and first responder, without the 纪委 case\'s details', async () => {
    const from = group.posts.length;
    expect(await villager.say('不满意')).toContain('已重新办理');
    const line = await group.waitForPost((p) => p.includes(`案件 ${number}：反映人对办理结果不满意`), from);
    expect(line).toContain(group.mentionOf('赵六'));
    expect(line).toContain(group.mentionOf('吴十'));
    expect(line).toContain('详情见管理后台');
    expect((await CaseModel.findOne({ number }).lean())?.status).toBe('reopened');
  });

  it('never showed the group an unmasked phone number or the villager\'s name', () => {
    const all = group.posts.join('\n');
    expect(group.posts.length).toBeGreaterThanOrEqual(6);
    expect(all).not.toMatch(UNMASKED_PHONE);
    expect(all).not.toContain(NAME);
  });
});
