import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel, type CaseRecord } from '../../../src/cases/index.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { caseNumberIn, casesFeature, TOKEN, villager } from './wechat-helpers.js';

describe('撤回: a villager takes back a registered report through /wechat', () => {
  useTestDatabase('cases_withdraw');
  let bot: TestBot;
  const staffEvents: { action: string; number: string }[] = [];
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    bot = await startTestBot({ WECHAT_TOKEN: TOKEN });
    casesFeature(bot).caseEvents.on('updated', (c, change) => staffEvents.push({ action: change.action, number: c.number }));
  });
  afterAll(async () => { await bot.close(); });

  async function registered(openId: string): Promise<string> {
    const say = villager(bot, openId);
    await say('我要投诉 大王村的村会计上个月克扣了俺家的低保金 我电话13912345678');
    return caseNumberIn(await say('对头'));
  }

  const history = async (number: string): Promise<CaseRecord['history']> =>
    (await CaseModel.findOne({ number }).lean<CaseRecord>())?.history ?? [];

  it('records the request on the case, tells the holder, keeps the case open, never echoes the phone', async () => {
    const number = await registered('o_withdraw');
    const reply = await villager(bot, 'o_withdraw')('算了 还是撤回吧 我13912345678打电话说');
    expect(reply).toContain(number);
    expect(reply).toContain('撤回');
    expect(reply).not.toContain('13912345678');
    const entry = (await history(number)).find((h) => h.action === 'withdraw_request');
    expect(entry?.actor).toBe('villager');
    expect(entry?.note).not.toContain('13912345678');
    expect((await CaseModel.findOne({ number }).lean<CaseRecord>())?.status).not.toBe('closed');
    expect(staffEvents).toContainEqual({ action: 'withdraw_request', number });
  });

  it('"还是继续办吧" right after withdrawing takes it back: recorded on the case, the holder told', async () => {
    const number = await registered('o_withdraw_back');
    const say = villager(bot, 'o_withdraw_back');
    await say('不告了 撤了吧');
    const reply = await say('算了算了 还是继续办理吧');
    expect(reply).toContain(number);
    expect(reply).toContain('继续办理');
    const actions = (await history(number)).map((h) => h.action);
    expect(actions.indexOf('withdraw_cancel')).toBeGreaterThan(actions.indexOf('withdraw_request'));
    expect(staffEvents).toContainEqual({ action: 'withdraw_cancel', number });
  });

  it('a question whether one can withdraw is told how, and nothing is recorded', async () => {
    const number = await registered('o_withdraw_ask');
    expect(await villager(bot, 'o_withdraw_ask')('投诉了还能撤回不')).toContain('回复“撤回”');
    expect((await history(number)).some((h) => h.action === 'withdraw_request')).toBe(false);
  });

  it('nothing registered: said so; a closed case needs no withdrawal', async () => {
    expect(await villager(bot, 'o_withdraw_none')('我那个举报不告了')).toContain('没有查到');
    const number = await registered('o_withdraw_closed');
    const { cases } = casesFeature(bot);
    const holder = (await cases.find(number)).holderId ?? '';
    await cases.take(number, holder);
    await cases.close(number, holder, '已核实处理');
    expect(await villager(bot, 'o_withdraw_closed')('撤回')).toContain('不需要撤回');
    expect((await history(number)).some((h) => h.action === 'withdraw_request')).toBe(false);
  });

  it('"低保被撤销了" is a complaint about something taken away, not a withdrawal', async () => {
    const reply = await villager(bot, 'o_revoked')('俺家的低保被撤销了 也没人跟俺说为啥');
    expect(reply).not.toContain('撤回');
  });
});
