import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SystemMessages } from '../../../src/answers/catalog.js';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import type { InboundMessage } from '../../../src/core/message.js';
import { createLogger } from '../../../src/logger.js';
import { createPipeline } from '../../../src/pipeline/index.js';
import { maskForStorage } from '../../../src/retention/mask.js';
import { ID_NUMBER, PHONE } from '../../../scripts/fuzz/values.js';
import { useTestDatabase } from '../../helpers/db.js';

/**
 * Issue 13, finding 4: the apology said 「您的消息已经记录」 whatever had happened. Now it says the
 * message was received only when its turn row was written, and asks to send it again otherwise;
 * an empty MsgId is refused as bad input (400) before any turn.
 */
useTestDatabase('apology');

const messages = SystemMessages.load('templates');
const lines: string[] = [];
const logger = createLogger('debug', { destination: new Writable({ write(c: Buffer, _e, done) { lines.push(c.toString('utf8')); done(); } }) });
const pipeline = createPipeline({
  classifier: { classify: () => ({ intent: 'boom', confidence: 1, top: [], shouldClarify: false }) },
  maskText: maskForStorage,
  handlers: { boom: async (ctx) => { throw new Error(`handler failed on: ${ctx.text}`); } },
  logger,
  apology: (stored) => messages.render(stored ? 'apology' : 'apology_not_stored'),
});

const message = (messageId: string): InboundMessage => ({
  channel: 'web', messageId, userId: 'visitor-apology', kind: 'text', text: `我的电话${PHONE}，身份证${ID_NUMBER}`, sentAt: new Date(), raw: {},
});

describe('finding 4: the apology says only what is true', () => {
  it('a turn that fails after its message was stored: "received", and the failed turn is on record', async () => {
    const outcome = await pipeline(message('apology-stored-1'), { deadlineMs: 5_000 });
    expect(outcome.reply.parts).toEqual([messages.render('apology')]);
    expect(outcome.reply.parts[0]).toContain('收到');
    expect(await TurnRecordModel.findOne({ messageId: 'apology-stored-1' }).lean()).toMatchObject({ status: 'failed' });
  });

  it('a turn that fails before anything was stored asks the villager to send it again', async () => {
    const outcome = await pipeline(message(''), { deadlineMs: 5_000 });
    expect(outcome.reply.parts).toEqual([messages.render('apology_not_stored')]);
    expect(outcome.reply.parts[0]).toContain('重新发送');
    expect(outcome.reply.parts[0]).not.toMatch(/已经记录|收到/);
    expect(await TurnRecordModel.countDocuments({ messageId: '' })).toBe(0);
  });

  it('neither apology claims the message was recorded, and the failure log is masked', () => {
    for (const key of ['apology', 'apology_not_stored']) expect(messages.render(key)).not.toContain('已经记录');
    const failed = lines.filter((l) => l.includes('turn failed'));
    expect(failed.length).toBe(2);
    for (const l of lines) {
      expect(l).not.toContain(PHONE);
      expect(l).not.toContain(ID_NUMBER);
    }
  });
  // WeChat's empty MsgId is refused with 400 before any turn: logs-and-bad-input.test.ts
});
