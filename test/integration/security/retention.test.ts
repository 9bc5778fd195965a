import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemMessages } from '../../../src/answers/catalog.js';
import { CaseModel } from '../../../src/cases/case.model.js';
import { ConversationModel } from '../../../src/conversations/conversation.model.js';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { pseudonym } from '../../../src/retention/erase.js';
import { runDailyExpiry } from '../../../src/retention/expire.js';
import { maskForStorage } from '../../../src/retention/mask.js';
import { RetentionAuditModel } from '../../../src/retention/retention.model.js';
import { startTestBot, WebVisitor, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { WechatTestClient } from '../../helpers/wechat-client.js';

/**
 * Issue 13, finding 8: raw text was kept forever and WeChat's unsubscribe removed nothing.
 * Now: a daily expiry (once across instances) masks turn text older than RETENTION_DAYS and closed
 * cases past the archive period; 删除我的记录 (confirmed) and unsubscribe erase a villager's
 * conversation data and mask their identity on their cases; every removal has an audit row.
 */
useTestDatabase('retention');

const PHONE = '13812345678';
const DAY = 86_400_000;
const messages = SystemMessages.load('templates');
let bot: TestBot;

async function insertCase(number: string, complainant: Record<string, unknown>, status: string, closedAt: Date | null): Promise<void> {
  await CaseModel.collection.insertOne({
    number, kind: 'complaint', summary: `村干部克扣低保，我叫李大明，电话${PHONE}`, details: { what: `克扣低保，联系${PHONE}` }, complainant,
    officeCode: 'mz', firstResponderId: null, holderId: null, status, deadline: { due: new Date(), covered: true }, history: [], replies: [{ at: new Date(), staffId: 's1', text: `已联系${PHONE}` }],
    extensions: [], reminders: { remindAt: new Date() }, needsPhoneCall: false, conflictStaffIds: [], alerts: [], closedAt, version: 0, createdAt: new Date(), updatedAt: new Date(),
  });
}

describe('finding 8: the daily expiry', () => {
  it('masks old turn text and closed cases past the archive period, once a day across instances, with an audit row', async () => {
    const now = new Date('2027-06-01T02:00:00Z');
    const base = { channel: 'qq', userId: 'old-visitor', conversationKey: 'qq:old-visitor', kind: 'text', status: 'answered' as const };
    await TurnRecordModel.create([
      { _id: 'qq:old-1', messageId: 'old-1', ...base, text: `电话${PHONE}`, maskedText: '电话138****5678', sentAt: new Date(now.getTime() - 400 * DAY), receivedAt: new Date(now.getTime() - 400 * DAY) },
      { _id: 'qq:new-1', messageId: 'new-1', ...base, text: `电话${PHONE}`, maskedText: '电话138****5678', sentAt: new Date(now.getTime() - 10 * DAY), receivedAt: new Date(now.getTime() - 10 * DAY) },
    ]);
    await insertCase('T20230101-0001', { channel: 'web', userId: 'old-visitor', anonymous: false }, 'closed', new Date(now.getTime() - 4 * 365 * DAY));
    await insertCase('T20230101-0002', { channel: 'web', userId: 'old-visitor', anonymous: false }, 'taken', null);
    await insertCase('T20230101-0003', { channel: 'web', userId: 'old-visitor', anonymous: false }, 'closed', new Date(now.getTime() - 30 * DAY));

    const policy = { days: 365, caseArchiveDays: 1095 };
    const runs = await Promise.all([runDailyExpiry(policy, maskForStorage, now), runDailyExpiry(policy, maskForStorage, now)]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(runs.find(Boolean)).toMatchObject({ turns: 1, cases: 1 });

    expect(await TurnRecordModel.findById('qq:old-1').lean()).toMatchObject({ text: '', maskedText: '电话138****5678' });
    expect((await TurnRecordModel.findById('qq:new-1').lean())?.text).toContain(PHONE);
    const expired = await CaseModel.findOne({ number: 'T20230101-0001' }).lean();
    expect(JSON.stringify(expired)).not.toContain(PHONE);
    expect(expired?.summary).toContain('李*');
    for (const open of ['T20230101-0002', 'T20230101-0003']) expect((await CaseModel.findOne({ number: open }).lean())?.summary).toContain(PHONE);
    expect(await RetentionAuditModel.countDocuments({ action: 'expire' })).toBe(1);
  });
});

// the bot starts only now: its own daily job (run at start, with today's date) must not touch the fixtures above
describe('finding 8: erasure on request and on unsubscribe', () => {
beforeAll(async () => { bot = await startTestBot({ WECHAT_TOKEN: 'retentiontoken' }); });
afterAll(async () => { await bot.close(); });

describe('finding 8: 删除我的记录', () => {
  it('asks first; "确认删除" erases the conversation, masks the identity on the case and keeps the case', async () => {
    const visitor = new WebVisitor(bot.url);
    await visitor.say(`我的电话${PHONE}，想问低保`);
    const userId = (await TurnRecordModel.findOne({ channel: 'web', text: { $regex: PHONE } }).lean())?.userId ?? '';
    expect(userId).not.toBe('');
    await insertCase('T20260101-0009', { channel: 'web', userId, name: '李大明', phone: PHONE, anonymous: false }, 'taken', null);

    expect((await visitor.say('删除我的记录')).replies).toEqual([messages.render('erase_confirm')]);
    expect((await visitor.say('确认删除')).replies).toEqual([messages.render('erase_done')]);

    expect(await TurnRecordModel.countDocuments({ channel: 'web', userId })).toBe(0);
    expect(await TurnRecordModel.countDocuments({ channel: 'web', text: { $regex: PHONE } })).toBe(0);
    expect(await ConversationModel.countDocuments({ channel: 'web', userId })).toBe(0);
    const kept = await CaseModel.findOne({ number: 'T20260101-0009' }).lean();
    expect(kept?.complainant).toMatchObject({ userId: pseudonym('web', userId), name: '李**', phone: '138****5678' });
    expect(JSON.stringify(kept)).not.toContain(PHONE);
    expect(await RetentionAuditModel.findOne({ action: 'erase', reason: 'villager_request' }).lean()).toMatchObject({ subject: pseudonym('web', userId), counts: { cases: 1 } });
  });

  it('anything but a confirmation keeps the records', async () => {
    const visitor = new WebVisitor(bot.url);
    await visitor.say(`电话${PHONE}`);
    await visitor.say('删除我的记录');
    expect((await visitor.say('算了')).replies).toEqual([messages.render('erase_cancelled')]);
    expect(await TurnRecordModel.countDocuments({ channel: 'web', text: { $regex: `^电话${PHONE}` } })).toBe(1);
  });
});

describe('finding 8: WeChat unsubscribe', () => {
  it('erases the follower’s conversation data, with an audit row', async () => {
    const wx = new WechatTestClient({ token: 'retentiontoken' });
    const send = async (xml: string) => {
      const req = wx.buildRequest(xml);
      return (await fetch(`${bot.url}${req.path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: req.body })).status;
    };
    expect(await send(wx.textXml('o_leaving', `我的电话${PHONE}`, '9400000000001'))).toBe(200);
    expect(await TurnRecordModel.countDocuments({ channel: 'wechat', userId: 'o_leaving' })).toBe(1);
    expect(await send(wx.eventXml('o_leaving', 'unsubscribe'))).toBe(200);
    expect(await TurnRecordModel.countDocuments({ channel: 'wechat', userId: 'o_leaving' })).toBe(0);
    expect(await TurnRecordModel.countDocuments({ channel: 'wechat', text: { $regex: PHONE } })).toBe(0);
    expect(await ConversationModel.countDocuments({ channel: 'wechat', userId: 'o_leaving' })).toBe(0);
    expect(await RetentionAuditModel.countDocuments({ action: 'erase', reason: 'unsubscribe', subject: pseudonym('wechat', 'o_leaving') })).toBe(1);
  });
});
});
