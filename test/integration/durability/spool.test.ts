import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseState, DatabaseStatus, DatabaseWatch } from '../../../src/core/database.js';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { OutboxMessageModel } from '../../../src/outbox/index.js';
import { SpoolFile } from '../../../src/spool/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';
import { eventually } from '../../unit/outbox/fixtures.js';
import { InboxVisitor } from '../web-inbox/visitor.js';

/** A database state the test sets by hand (the supervisor's role). */
class HandWatch implements DatabaseWatch {
  private current: DatabaseStatus = { kind: 'test', state: 'up', restarts: 0, since: new Date() };
  private readonly listeners = new Set<(s: DatabaseStatus) => void>();
  status(): DatabaseStatus { return this.current; }
  onChange(l: (s: DatabaseStatus) => void): () => void { this.listeners.add(l); return () => this.listeners.delete(l); }
  set(state: DatabaseState): void {
    this.current = { ...this.current, state, since: new Date() };
    for (const l of this.listeners) l(this.current);
  }
}

const system = parse(readFileSync('templates/system.yml', 'utf8')) as Record<string, string>;
const NOTICE = String(system.spooled_received).trim();

describe('the spool: messages sent while the database is down', () => {
  useTestDatabase('spool');
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'nonglian-spool-test-'));
  const bots: TestBot[] = [];
  afterAll(async () => {
    for (const b of bots) await b.close().catch(() => undefined); // some were closed by the test
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('are kept on disk, told honestly, and answered once each, in order, even when the bot died mid-replay', async () => {
    const down = new HandWatch();
    down.set('restarting');
    const first = await startTestBot({}, { database: down, spoolDir });
    bots.push(first);
    const villager = new InboxVisitor(first.url);
    const texts = ['低保怎么申请', '办残疾证要带什么材料', '谢谢'];
    for (const t of texts) expect(await villager.say(t)).toEqual([NOTICE]); // never 「已经记录」
    const userId = villager.userId;
    expect(await TurnRecordModel.countDocuments({ userId })).toBe(0); // nothing was stored…
    const spooled = await first.parts.spool.file.pending(); // …it is on disk, decoded, in order
    expect(spooled.map((e) => e.message.text)).toEqual(texts);
    expect(spooled.every((e) => e.message.channel === 'web' && e.message.userId === userId)).toBe(true);

    // the bot dies in the middle of a replay: the first message was answered and its answer enqueued,
    // the second answered but not enqueued, the third not touched
    await first.close();
    const [m1, m2] = spooled.map((e) => e.message);
    const outcome1 = await first.parts.pipeline(m1!, { deadlineMs: 5000 });
    await OutboxMessageModel.create({
      channel: 'web', userId, parts: outcome1.reply.parts, dedupeKey: `spool:web:${m1!.messageId}`, meta: { reason: 'spooled' },
      status: 'pending', nextAttemptAt: new Date(), createdAt: new Date(),
    });
    await first.parts.pipeline(m2!, { deadlineMs: 5000 });

    // the next start, with the database up, replays the spool
    const up = new HandWatch();
    const second = await startTestBot({}, { database: up, spoolDir });
    bots.push(second);
    const inbox = new InboxVisitor(second.url);
    Object.assign(inbox, { cookie: (villager as unknown as { cookie: string }).cookie });
    const got: string[][] = [];
    await eventually(async () => {
      got.push(...(await inbox.inbox()).messages);
      return got.length >= 3 && second.parts.spool.size() === 0;
    }, 30_000);
    await second.parts.spool.replay(); // a second replay finds nothing left to do
    await new Promise((r) => setTimeout(r, 1000));
    got.push(...(await inbox.inbox()).messages);

    expect(got).toHaveLength(3);
    const answers = got.map((parts) => parts.join('\n'));
    expect(answers[0]).toContain('低保');
    expect(answers[1]).toContain('残疾');
    expect(answers.every((a) => a !== NOTICE && !a.includes('已经记录'))).toBe(true);
    expect(await TurnRecordModel.countDocuments({ userId, status: 'answered' })).toBe(3);
    expect(readdirSync(spoolDir).filter((f) => f.startsWith('replay-'))).toEqual([]);
    expect(await SpoolFile.read(path.join(spoolDir, 'inbound.jsonl'))).toEqual([]);
  }, 90_000);
});
