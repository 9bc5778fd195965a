import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db.js';
import { PASSWORD, startAdmin, type AdminHarness } from '../admin/harness.js';
import { addTurn } from './fixtures.js';

const PHONE = '13812345678';
const NOV = '/api/admin/reports?from=2026-11-01&to=2026-11-30';

describe('GET /api/admin/reports: leaders, 纪检 and admins read the statistics as JSON or text', () => {
  useTestDatabase('reportsapi');
  let h: AdminHarness;

  async function login(username: string): Promise<string> {
    const res = await fetch(`${h.baseUrl}/api/admin/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  const get = (path: string, cookie?: string) => fetch(`${h.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    h = await startAdmin();
    await h.users.create('lead', PASSWORD, ['leader']);
    await h.users.create('jw', PASSWORD, ['discipline']);
    await h.users.create('s01', PASSWORD, ['staff']);
    await addTurn({ userId: 'u1', text: '低保怎么申请', at: '2026-11-03 09:00', intent: 'policy_query', service: 'dibao' });
    await addTurn({ channel: 'qq', userId: 'u2', text: `咋弄啊 ${PHONE}`, at: '2026-11-04 09:00', route: 'clarify' });
  });
  afterAll(async () => h.close());

  it('refuses without a session (401) and without a reporting role (403)', async () => {
    const anon = await get(NOV);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBe('not_logged_in');
    for (const user of ['alice', 's01']) {
      const res = await get(NOV, await login(user));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });

  it('answers a leader with the JSON report', async () => {
    const res = await get(NOV, await login('lead'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { period: unknown; inquiries: { messages: number; villagers: number }; understanding: { clarify: number } };
    expect(body.period).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(body.inquiries).toMatchObject({ messages: 2, villagers: 2 });
    expect(body.understanding.clarify).toBe(1);
  });

  it('answers 纪检 and admins with the plain-text report, masked', async () => {
    for (const user of ['jw', 'root']) {
      const res = await get(`${NOV}&format=text`, await login(user));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/);
      const text = await res.text();
      expect(text).toContain('本期共收到群众咨询消息2条，涉及群众2人');
      expect(text).toContain('“咋弄啊 138');
      expect(text).not.toContain(PHONE);
    }
  });

  it('accepts ?month= and refuses a bad or missing period with 400', async () => {
    const cookie = await login('lead');
    const month = (await (await get('/api/admin/reports?month=2026-11', cookie)).json()) as { period: { days: number } };
    expect(month.period.days).toBe(30);
    for (const q of ['', '?from=2026-11-01', '?from=2026-11-31&to=2026-12-01', '?from=2026-12-01&to=2026-11-01', '?from=2024-01-01&to=2026-01-01', `${NOV.slice(NOV.indexOf('?'))}&format=pdf`]) {
      const res = await get(`/api/admin/reports${q}`, cookie);
      expect(res.status, q).toBe(400);
    }
  });
});
