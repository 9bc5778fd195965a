import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fill } from '../../../src/answers/catalog.js';
import { WorkingCalendar } from '../../../src/calendar/index.js';
import { createWebPushSender } from '../../../src/channels/web/index.js';
import { CaseModel, CaseService, type CaseRecord } from '../../../src/cases/index.js';
import { textReply, type ChannelId } from '../../../src/core/message.js';
import { silentLogger } from '../../../src/logger.js';
import { Outbox, OutboxMessageModel } from '../../../src/outbox/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { InboxVisitor } from './visitor.js';

const staffroom = parse(readFileSync('templates/staffroom.yml', 'utf8')) as Record<string, string>;

async function settled(caseNumber: string): Promise<string | undefined> {
  for (;;) {
    const row = await OutboxMessageModel.findOne({ 'meta.caseNumber': caseNumber }).lean();
    if (row && row.status !== 'pending' && row.status !== 'sending') return row.status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the web inbox: messages pushed to a web chat visitor', () => {
  useTestDatabase('webinboxflow');
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot(); });
  afterAll(async () => { await bot.close(); });

  it('has nothing for a visitor without a cookie', async () => {
    const res = await fetch(`${bot.url}/chat/api/inbox`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ messages: [] });
  });

  it('the chat page polls the inbox and keeps its CSP (no external assets)', async () => {
    const res = await fetch(`${bot.url}/chat`);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    const html = await res.text();
    expect(html).toContain("fetch('/chat/api/inbox'");
    expect(html).not.toMatch(/(src|href)=["']https?:/);
  });

  it('a staff reply to a complaint filed on the web reaches the visitor once', async () => {
    const v = new InboxVisitor(bot.url);
    expect((await v.say('我要举报村主任收红包 上礼拜在村部 要求退钱')).join('')).toContain('也可以匿名');
    await v.say('匿名 不知道');
    expect((await v.say('确认')).join('')).toContain('已登记，编号 T');
    expect(await v.inbox()).toEqual({ status: 200, messages: [] });

    const filed = await CaseModel.findOne({ 'complainant.channel': 'web', 'complainant.userId': v.userId }).lean<CaseRecord>();
    expect(filed?.holderId).toBeTruthy();
    const number = filed?.number ?? '';
    const staffId = filed?.holderId ?? '';
    const cases = CaseService.load(await WorkingCalendar.load(), 'templates');
    await cases.take(number, staffId);
    const answer = '经核查，红包已退还，相关人员已作处理。';
    const c = await cases.reply(number, staffId, answer);

    // what the staff room's 回复 does, through the same outbox code the bot runs, on the same DB
    const outbox = new Outbox({ logger: silentLogger }).register(createWebPushSender());
    const message = fill(staffroom.relay ?? '', { number, text: answer });
    await outbox.deliver({ channel: c.complainant.channel as ChannelId, userId: c.complainant.userId }, textReply(message), { caseNumber: number });
    outbox.start();
    try {
      expect(await settled(number)).toBe('sent');
    } finally {
      await outbox.stop();
    }

    const first = await v.inbox();
    expect(first.messages).toEqual([[message]]);
    expect(message).toContain(answer);
    expect((await v.inbox()).messages).toEqual([]);
    expect((await new InboxVisitor(bot.url).inbox()).messages).toEqual([]);
  });
});
