import { readFileSync } from 'node:fs';
import Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../../../src/channels/telegram/index.js';
import type { TurnOutcome } from '../../../../src/core/channel.js';
import type { InboundMessage } from '../../../../src/core/message.js';
import { listenLocal, startFakeTelegramApi, type FakeApi } from '../../../helpers/fake-platform-apis.js';

const SECRET = 'tg_webhook-Secret_123';
const TOKEN = '123456:TEST-token';
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/telegram/${name}`, import.meta.url));

let api: FakeApi;
let server: Awaited<ReturnType<typeof listenLocal>>;
let channel: TelegramChannel;
let seen: InboundMessage[];
let outcome: TurnOutcome;

beforeEach(async () => {
  api = await startFakeTelegramApi();
  seen = [];
  outcome = { reply: { parts: ['请带身份证到村委会申请低保。'] }, duplicate: false };
  const made = createTelegramChannel(
    { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE: api.url },
    { handleTurn: async (m) => { seen.push(m); return outcome; } },
  );
  if (!made) throw new Error('channel not configured');
  channel = made;
  const app = new Koa();
  app.use(made.router.routes());
  server = await listenLocal(app.callback());
});

afterEach(async () => {
  await server.close();
  await api.close();
});

function post(body: Buffer | string, secret: string | null = SECRET) {
  return fetch(`${server.url}/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    body,
  });
}

type SendMessage = { chat_id: number; text: string; reply_parameters?: { message_id: number } };

describe('POST /telegram', () => {
  it('is not created without a token and a webhook secret', () => {
    expect(createTelegramChannel({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_BASE: api.url }, { handleTurn: async () => outcome })).toBeUndefined();
  });

  it('refuses a wrong or missing secret token with 401 and runs no turn', async () => {
    expect((await post(fixture('private-text.json'), 'wrong')).status).toBe(401);
    expect((await post(fixture('private-text.json'), `${SECRET}x`)).status).toBe(401);
    expect((await post(fixture('private-text.json'), null)).status).toBe(401);
    await channel.drain();
    expect(seen).toHaveLength(0);
    expect(api.calls).toHaveLength(0);
  });

  it('answers a private message with sendMessage on the Bot API', async () => {
    const res = await post(fixture('private-text.json'));
    expect(res.status).toBe(200);
    await channel.drain();
    expect(seen.map((m) => m.text)).toEqual(['低保怎么申请']);
    expect(api.callsTo('/getMe')).toHaveLength(1);
    const sends = api.callsTo(`/bot${TOKEN}/sendMessage`);
    expect(sends.map((c) => c.body as SendMessage)).toEqual([{ chat_id: 55500001, text: '请带身份证到村委会申请低保。' }]);
  });

  it('sends each part in order, threaded under the question in a group', async () => {
    outcome = { reply: { parts: ['第一段', '第二段'] }, duplicate: false };
    await post(fixture('group-mention.json'));
    await channel.drain();
    const sends = api.callsTo('/sendMessage').map((c) => c.body as SendMessage);
    expect(sends.map((s) => [s.chat_id, s.text, s.reply_parameters?.message_id])).toEqual([
      [-1001234567890, '第一段', 977],
      [-1001234567890, '第二段', 977],
    ]);
  });

  it('sends nothing again for a duplicate, and nothing for group chatter', async () => {
    await post(fixture('private-text.json'));
    await channel.drain();
    outcome = { ...outcome, duplicate: true };
    expect((await post(fixture('private-text.json'))).status).toBe(200);
    expect((await post(fixture('group-chatter.json'))).status).toBe(200);
    await channel.drain();
    expect(seen).toHaveLength(2);
    expect(api.callsTo('/sendMessage')).toHaveLength(1);
  });

  it('answers 400 to a body that is not an update', async () => {
    expect((await post('{"hello":1}')).status).toBe(400);
    expect((await post('nope')).status).toBe(400);
  });

  it('push sends to a chat id', async () => {
    await channel.push.push('55500001', { parts: ['您的投诉已办结'] });
    expect(api.callsTo('/sendMessage')[0]?.body).toEqual({ chat_id: '55500001', text: '您的投诉已办结' });
  });

  it('answers 200 while a slow turn still runs, then sends the reply when it finishes', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const slow = createTelegramChannel(
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE: api.url },
      { handleTurn: async () => { await gate; return outcome; }, ackAfterMs: 50 },
    );
    const app = new Koa();
    app.use(slow?.router.routes() ?? (async () => undefined));
    const local = await listenLocal(app.callback());
    try {
      const res = await fetch(`${local.url}/telegram`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET }, body: fixture('private-text.json') });
      expect(res.status).toBe(200);
      expect(api.callsTo('/sendMessage')).toHaveLength(0);
      release();
      await slow?.drain();
      expect(api.callsTo('/sendMessage')).toHaveLength(1);
    } finally {
      await local.close();
    }
  });
});
