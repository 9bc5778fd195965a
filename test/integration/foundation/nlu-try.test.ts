import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';

/**
 * POST /api/nlu/try: the classifier's view of a text, for logged-in admins and editors only
 * (issue 13, finding 7: it used to be "local only" by socket address, public behind a proxy on the
 * same host, and echoed phone and ID digits back as tokens).
 */
describe('POST /api/nlu/try', () => {
  useTestDatabase('nlutry');
  let bot: TestBot;
  let editor: { cookie: string; csrf: string };
  beforeAll(async () => {
    bot = await startTestBot({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'nlu-try-admin-password' });
    const admin = await login('admin', 'nlu-try-admin-password');
    for (const [username, roles] of [['ed', ['editor']], ['rev', ['reviewer']]] as const) {
      const res = await fetch(`${bot.url}/api/admin/users`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        body: JSON.stringify({ username, password: `${username}-password-123`, roles }),
      });
      expect(res.status).toBeLessThan(300);
    }
    editor = await login('ed', 'ed-password-123');
  });
  afterAll(async () => { await bot.close(); });

  async function login(username: string, password: string): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${bot.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c?.startsWith('nl_admin=')) ?? '';
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  const tryText = (body: string, who?: { cookie: string; csrf: string }, headers: Record<string, string> = {}) => fetch(`${bot.url}/api/nlu/try`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}), ...headers },
    body,
  });

  it('explains how a dialect message with a typo is understood', async () => {
    const res = await tryText(JSON.stringify({ text: '俺想问下残急证咋个办 要带啥子' }), editor);
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
    expect((await tryText('{}', editor)).status).toBe(400);
    expect((await tryText('not json', editor)).status).toBe(400);
  });

  it('refuses a request without the admin login, even from this machine or with X-Forwarded-For', async () => {
    expect((await tryText(JSON.stringify({ text: '低保' }))).status).toBe(401);
    expect((await tryText(JSON.stringify({ text: '低保' }), undefined, { 'X-Forwarded-For': '127.0.0.1' })).status).toBe(401);
  });

  it('refuses a role other than admin or editor, and a missing CSRF token', async () => {
    const reviewer = await login('rev', 'rev-password-123');
    expect((await tryText(JSON.stringify({ text: '低保' }), reviewer)).status).toBe(403);
    expect((await tryText(JSON.stringify({ text: '低保' }), { cookie: editor.cookie, csrf: 'wrong' })).status).toBe(403);
  });

  it('never echoes a phone or ID number, in tokens, features or entities', async () => {
    const res = await tryText(JSON.stringify({ text: '我的电话13812345678，身份证110101199003077777，低保咋办' }), editor);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { service: string; tokens: string[]; entities: { phones: { value: string }[] } };
    expect(body.service).toBe('dibao');
    expect(body.entities.phones[0]?.value).toBe('138****5678');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('110101199003077777');
    // the tokenizer splits numbers into single digits: joined back they must not spell the number
    expect(body.tokens.join('')).not.toMatch(/\d{4}/);
  });
});
