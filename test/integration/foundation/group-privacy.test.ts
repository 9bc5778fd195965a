import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CaseModel } from '../../../src/cases/index.js';
import type { InboundMessage } from '../../../src/core/message.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';

const system = parse(readFileSync('templates/system.yml', 'utf8')) as Record<string, string>;

function groupMessage(text: string, id: string, groupId?: string): InboundMessage {
  return { channel: 'onebot', messageId: id, userId: '10001', groupId, kind: 'text', text, sentAt: new Date(), raw: {} };
}

describe('complaints are never taken in a group chat', () => {
  useTestDatabase('groupprivacy');
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot(); });
  afterAll(async () => { await bot.close(); });

  it('asks the villager to write privately, and opens no case', async () => {
    const out = await bot.parts.handleTurn(groupMessage('我要举报村主任收红包 电话13812345678', 'g-1', '555'), { deadlineMs: 5000 });
    expect(out.reply.parts).toEqual([system.private_only]);
    expect(out.reply.parts.join('')).not.toContain('13812345678');
    const confirm = await bot.parts.handleTurn(groupMessage('确认', 'g-2', '555'), { deadlineMs: 5000 });
    expect(confirm.reply.parts.join('')).not.toMatch(/T\d{8}-\d{4}/);
    expect(await CaseModel.countDocuments()).toBe(0);
  });

  it('still answers policy questions in the group, and takes the complaint in a private chat', async () => {
    const policy = await bot.parts.handleTurn(groupMessage('低保申请需要什么条件', 'g-3', '555'), { deadlineMs: 5000 });
    expect(policy.reply.parts.join('')).toContain('低保');
    const privately = await bot.parts.handleTurn(groupMessage('我要举报村主任收红包', 'p-1'), { deadlineMs: 5000 });
    expect(privately.reply.parts.join('')).not.toBe(system.private_only);
    expect(privately.reply.parts.join('')).toContain('保密');
  });
});
