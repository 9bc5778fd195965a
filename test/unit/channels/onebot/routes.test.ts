import { readFileSync } from 'node:fs';
import Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oneBotSignature } from '../../../../src/channels/onebot/crypto.js';
import { createOneBotChannel, type OneBotChannel } from '../../../../src/channels/onebot/index.js';
import type { TurnOutcome } from '../../../../src/core/channel.js';
import type { InboundMessage } from '../../../../src/core/message.js';
import { listenLocal, startFakeOneBotApi, type FakeApi } from '../../../helpers/fake-platform-apis.js';

const SECRET = 'some-secret';
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/onebot/${name}`, import.meta.url));

let api: FakeApi;
let server: Awaited<ReturnType<typeof listenLocal>>;
let channel: OneBotChannel;
let seen: InboundMessage[];
let outcome: TurnOutcome;

beforeEach(async () => {
  api = await startFakeOneBotApi();
  seen = [];
  outcome = { reply: { parts: ['请带身份证和户口本到村委会办理。'] }, duplicate: false };
  const made = createOneBotChannel(
    { ONEBOT_SECRET: SECRET, ONEBOT_API_URL: api.url, ONEBOT_ACCESS_TOKEN: 'api-token' },
    { handleTurn: async (m) => { seen.push(m); return outcome; } },
  );
  if (!made?.router) throw new Error('channel not configured');
  channel = made;
  const app = new Koa();
  app.use(made.router.routes());
  server = await listenLocal(app.callback());
});

afterEach(async () => {
  channel.close();
  await server.close();
  await api.close();
});

function post(body: Buffer, signature = oneBotSignature(SECRET, body)) {
  return fetch(`${server.url}/onebot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-self-id': '10001000', ...(signature ? { 'x-signature': signature } : {}) },
    body,
  });
}

describe('POST /onebot', () => {
  it('is not created without any OneBot setting', () => {
    expect(createOneBotChannel({}, { handleTurn: async () => outcome })).toBeUndefined();
  });

  it('refuses a wrong or missing X-Signature with 401 and never runs a turn', async () => {
    const body = fixture('private-string.json');
    expect((await post(body, oneBotSignature('wrong', body))).status).toBe(401);
    expect((await post(body, '')).status).toBe(401);
    expect((await post(Buffer.concat([body, Buffer.from('\n')]), oneBotSignature(SECRET, body))).status).toBe(401);
    expect(seen).toHaveLength(0);
  });

  it('answers a private message with a quick operation', async () => {
    const res = await post(fixture('private-string.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reply: '请带身份证和户口本到村委会办理。', auto_escape: true, at_sender: false });
    expect(seen[0]?.text).toBe('请问[低保]怎么申请&要带什么');
  });

  it('answers a group @-message with the mention stripped and at_sender', async () => {
    const res = await post(fixture('group-at-array.json'));
    expect(await res.json()).toEqual({ reply: '请带身份证和户口本到村委会办理。', auto_escape: true, at_sender: true });
    expect(seen[0]).toMatchObject({ text: '我要投诉', groupId: '87654321' });
  });

  it('answers 204 to meta events and to group chatter without an @, with no turn', async () => {
    expect((await post(fixture('meta-heartbeat.json'))).status).toBe(204);
    expect((await post(fixture('group-no-at.json'))).status).toBe(204);
    expect(seen).toHaveLength(0);
  });

  it('sends the first part by quick operation and the rest through the HTTP API', async () => {
    outcome = { reply: { parts: ['第一段', '第二段', '第三段'] }, duplicate: false };
    const res = await post(fixture('group-at-string.json'));
    expect(await res.json()).toMatchObject({ reply: '第一段' });
    const calls = await api.waitForCalls('/send_group_msg', 2);
    await channel.drain();
    expect(calls.map((c) => c.body)).toEqual([
      { group_id: 87654321, message: '第二段', auto_escape: true },
      { group_id: 87654321, message: '第三段', auto_escape: true },
    ]);
    expect(calls[0]?.headers.authorization).toBe('Bearer api-token');
  });

  it('sends nothing again for a duplicate', async () => {
    outcome = { reply: { parts: ['一', '二'] }, duplicate: true };
    const res = await post(fixture('private-array.json'));
    expect(res.status).toBe(204);
    await channel.drain();
    expect(seen).toHaveLength(1);
    expect(api.calls).toHaveLength(0);
  });

  it('rejects a signed body that is not an event with 400', async () => {
    expect((await post(Buffer.from('{"hello":1}'))).status).toBe(400);
  });

  it('push sends a private or group message through the HTTP API', async () => {
    await channel.push.push('12345678', { parts: ['您的投诉已受理'] });
    await channel.push.push('group:87654321', { parts: ['通知'] });
    expect(api.callsTo('/send_private_msg')[0]?.body).toEqual({ user_id: 12345678, message: '您的投诉已受理', auto_escape: true });
    expect(api.callsTo('/send_group_msg')[0]?.body).toEqual({ group_id: 87654321, message: '通知', auto_escape: true });
  });
});
