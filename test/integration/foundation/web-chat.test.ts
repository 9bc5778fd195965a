import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConversationModel } from '../../../src/conversations/conversation.model.js';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { startTestBot, WebVisitor, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';

const system = parse(readFileSync('templates/system.yml', 'utf8')) as Record<string, string>;

describe('the web chat at /chat', () => {
  useTestDatabase('webchat');
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot(); });
  afterAll(async () => { await bot.close(); });

  it('serves the chat page', async () => {
    const res = await fetch(`${bot.url}/chat`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/html/);
    expect(await res.text()).toContain('阳光农廉助手');
  });

  it('greets, shows the help menu and falls back politely', async () => {
    const v = new WebVisitor(bot.url);
    const hello = await v.say('你好');
    expect(hello.replies[0]).toContain('阳光农廉助手');
    const help = await v.say('帮助');
    expect(help.replies[0]).toBe(system.help);
    const odd = await v.say('￥%……&*（');
    expect(odd.status).toBe(200);
    expect(odd.replies.join('')).not.toMatch(/Error|at \w+ \(/);
    expect(odd.replies.length).toBeGreaterThan(0);
  });

  it('stores every message and reply with the trace of its turn', async () => {
    const v = new WebVisitor(bot.url);
    await v.say('帮助', 'store-test-0001');
    const row = await TurnRecordModel.findOne({ channel: 'web', messageId: /:store-test-0001$/ }).lean();
    expect(row?.status).toBe('answered');
    expect(row?.text).toBe('帮助');
    expect(row?.replyParts).toEqual([system.help]);
    expect(row?.intent).toBe('help');
    expect(row?.trace.map((s) => s.step)).toEqual(['normalize', 'mask', 'dedupe', 'identify', 'classify', 'dialogue', 'handler']);
    expect(row?.trace.every((s) => typeof s.ms === 'number' && s.ms >= 0)).toBe(true);
    const conv = await ConversationModel.findOne({ key: `web:${row?.userId}` }).lean();
    expect(conv?.turns).toBe(1);
  });

  it('answers a resent message once, with the same reply', async () => {
    const v = new WebVisitor(bot.url);
    await v.say('你好'); // the visitor has its cookie, as a browser tab would
    const replies = await Promise.all([v.say('帮助', 'resend-0000001'), v.say('帮助', 'resend-0000001'), v.say('帮助', 'resend-0000001')]);
    expect(replies.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const r of replies) expect(r.replies).toEqual([system.help]);
    expect(await TurnRecordModel.countDocuments({ messageId: /:resend-0000001$/ })).toBe(1);
  });

  it('masks phone and ID numbers in the stored copy used for statistics and logs', async () => {
    const v = new WebVisitor(bot.url);
    await v.say('我叫李大明 电话13812345678 座机0731-84512345 身份证11010519491231002X 卡号6222021234567890123', 'mask-test-0001');
    const row = await TurnRecordModel.findOne({ messageId: /:mask-test-0001$/ }).lean();
    for (const secret of ['李大明', '13812345678', '84512345', '11010519491231002X', '6222021234567890123']) expect(row?.maskedText).not.toContain(secret);
    expect(row?.text).toContain('13812345678'); // the case needs the real number; only the stored copy for logs and statistics is masked
  });

  it('rejects a malformed message with 400 and stores nothing', async () => {
    const before = await TurnRecordModel.countDocuments();
    const res = await fetch(`${bot.url}/chat/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text": 5}' });
    expect(res.status).toBe(400);
    const notJson = await fetch(`${bot.url}/chat/api/messages`, { method: 'POST', body: 'hello' });
    expect(notJson.status).toBe(400);
    expect(await TurnRecordModel.countDocuments()).toBe(before);
  });
});
