import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';

describe('POST /api/nlu/try', () => {
  useTestDatabase('nlutry');
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot(); });
  afterAll(async () => { await bot.close(); });

  const tryText = (body: string) => fetch(`${bot.url}/api/nlu/try`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

  it('explains how a dialect message with a typo is understood', async () => {
    const res = await tryText(JSON.stringify({ text: '俺想问下残急证咋个办 要带啥子' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { intent: string; service: string; confidence: number; top2: unknown[]; tokens: string[]; why: string[] };
    expect(body.service).toBe('canji');
    expect(body.intent).toBe('checklist');
    expect(body.top2).toHaveLength(2);
    expect(body.tokens.length).toBeGreaterThan(0);
    expect(body.why.length).toBeGreaterThan(0);
    // the dialect rewrites and the sound-alike candidate with its verdict are shown
    expect(body.why).toEqual(expect.arrayContaining(['dialect "咋个办"→"怎么办"', 'sound-alike "残急"≈"残疾" (can ji) taken: the message also points to canji']));
  });

  it('rejects a body without text', async () => {
    expect((await tryText('{}')).status).toBe(400);
    expect((await tryText('not json')).status).toBe(400);
  });
});
