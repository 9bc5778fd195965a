import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TurnRecordModel, turnId } from '../../../src/conversations/turn-record.model.js';
import type { InboundMessage } from '../../../src/core/message.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';

const system = parse(readFileSync('templates/system.yml', 'utf8')) as Record<string, string>;
const message = (id: string): InboundMessage => ({ channel: 'wechat', messageId: id, userId: 'o_stale', kind: 'text', text: '帮助', sentAt: new Date(), raw: {} });

describe('a message whose first processing died', () => {
  useTestDatabase('staleturn');
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot(); });
  afterAll(async () => { await bot.close(); });

  async function leftProcessing(id: string, ageMs: number): Promise<void> {
    const at = new Date(Date.now() - ageMs);
    await TurnRecordModel.create({ _id: turnId('wechat', id), channel: 'wechat', messageId: id, userId: 'o_stale', conversationKey: 'wechat:o_stale', kind: 'text', text: '帮助', sentAt: at, receivedAt: at, status: 'processing' });
  }

  it('is answered by the next delivery once it is stale, and only once', async () => {
    await leftProcessing('dead-1', 5 * 60_000);
    const [a, b] = await Promise.all([bot.parts.handleTurn(message('dead-1'), { deadlineMs: 3000 }), bot.parts.handleTurn(message('dead-1'), { deadlineMs: 3000 })]);
    const answered = [a, b].filter((o) => !o.duplicate);
    expect(answered).toHaveLength(1);
    expect(answered[0]?.reply.parts).toEqual([system.help]);
    const row = await TurnRecordModel.findOne({ channel: 'wechat', messageId: 'dead-1' }).lean();
    expect(row?.status).toBe('answered');
  });

  it('is not taken over while it may still be running', async () => {
    await leftProcessing('busy-1', 1000);
    const out = await bot.parts.handleTurn(message('busy-1'), { deadlineMs: 500 });
    expect(out.duplicate).toBe(true);
    expect(out.reply.parts).toEqual([]);
  });
});
