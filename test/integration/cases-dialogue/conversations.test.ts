import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, WebVisitor, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';

/**
 * Runs test/conversations/cases/*.yml through the real bot on the web channel: each turn expects substrings
 * in the reply (parts joined), substrings that must not appear, and optionally regular expressions.
 */
const TurnSchema = z.strictObject({
  say: z.string().min(1),
  expect: z.array(z.string()).default([]),
  absent: z.array(z.string()).default([]),
  match: z.array(z.string()).default([]),
});
const ConversationSchema = z.strictObject({ name: z.string(), turns: z.array(TurnSchema).min(1) });

const dir = 'test/conversations/cases';
const conversations = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort()
  .map((f) => ({ file: f, ...ConversationSchema.parse(parse(readFileSync(path.join(dir, f), 'utf8'))) }));

describe('case conversations (data files, web channel)', () => {
  useTestDatabase('cases_conv');
  let bot: TestBot;
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    bot = await startTestBot();
  });
  afterAll(async () => { await bot.close(); });

  it('has conversation files', () => { expect(conversations.length).toBeGreaterThan(0); });

  for (const c of conversations) {
    it(`${c.file}: ${c.name}`, async () => {
      const visitor = new WebVisitor(bot.url);
      for (const [i, turn] of c.turns.entries()) {
        const res = await visitor.say(turn.say);
        const text = res.replies.join('\n');
        const where = `turn ${i + 1} "${turn.say}" got:\n${text}`;
        expect(res.status, where).toBe(200);
        for (const s of turn.expect) expect(text, where).toContain(s);
        for (const s of turn.absent) expect(text, where).not.toContain(s);
        for (const r of turn.match) expect(text, where).toMatch(new RegExp(r));
      }
    });
  }
});
