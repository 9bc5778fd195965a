import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOneBotChannel, type OneBotChannel } from '../../../../src/channels/onebot/index.js';
import { loadWsModule, type WsModule, type WsSocket } from '../../../../src/channels/onebot/ws.js';
import type { TurnOutcome } from '../../../../src/core/channel.js';
import type { InboundMessage } from '../../../../src/core/message.js';
import { listenLocal } from '../../../helpers/fake-platform-apis.js';

const wsModule = loadWsModule() as WsModule;
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/onebot/${name}`, import.meta.url), 'utf8');

let server: Awaited<ReturnType<typeof listenLocal>>;
let channel: OneBotChannel;
let seen: InboundMessage[];
let outcome: TurnOutcome;

beforeEach(async () => {
  seen = [];
  outcome = { reply: { parts: ['第一段', '第二段'] }, duplicate: false };
  const made = createOneBotChannel({ ONEBOT_ACCESS_TOKEN: 'ws-token' }, { handleTurn: async (m) => { seen.push(m); return outcome; } });
  if (!made?.ws) throw new Error('ws endpoint not created');
  const ws = made.ws;
  channel = made;
  server = await listenLocal((_req: IncomingMessage, res: ServerResponse) => res.writeHead(404).end());
  server.server.on('upgrade', (req, socket, head: Buffer) => {
    if (!ws.handleUpgrade(req, socket, head)) socket.destroy();
  });
});

afterEach(async () => {
  channel.close();
  await server.close();
});

/** Connects like NapCat does; resolves with the socket or the refusal status. */
function connect(headers: Record<string, string>): Promise<{ socket?: WsSocket & { once(e: 'open', cb: () => void): void }; status?: number }> {
  return new Promise((resolve) => {
    const socket = new wsModule.WebSocket(`${server.url.replace('http', 'ws')}/onebot/ws`, { headers });
    const raw = socket as unknown as { on(e: string, cb: (...a: unknown[]) => void): void };
    raw.on('unexpected-response', (_req, res) => resolve({ status: (res as IncomingMessage).statusCode ?? 0 }));
    raw.on('error', () => undefined); // the refusal also surfaces as an error; the status above is what counts
    socket.once('open', () => resolve({ socket }));
  });
}

function nextFrames(socket: WsSocket, count: number): Promise<unknown[]> {
  const frames: unknown[] = [];
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      frames.push(JSON.parse(data.toString('utf8')));
      if (frames.length === count) resolve(frames);
    });
  });
}

const napcat = { 'x-self-id': '10001000', 'x-client-role': 'Universal', authorization: 'Bearer ws-token' };

describe('OneBot reverse WebSocket /onebot/ws', () => {
  it('refuses a wrong or empty token with 401 and a missing X-Self-ID with 400', async () => {
    expect((await connect({ ...napcat, authorization: 'Bearer nope' })).status).toBe(401);
    expect((await connect({ ...napcat, authorization: 'Bearer ' })).status).toBe(401);
    expect((await connect({ 'x-client-role': 'Universal', authorization: 'Bearer ws-token' })).status).toBe(400);
  });

  it('is off when no access token is configured', () => {
    expect(createOneBotChannel({ ONEBOT_SECRET: 's' }, { handleTurn: async () => outcome })?.ws).toBeUndefined();
  });

  it('answers a group @-event frame with send_group_msg action frames, one per part', async () => {
    const { socket } = await connect(napcat);
    if (!socket) throw new Error('not connected');
    const frames = nextFrames(socket, 2);
    socket.send(fixture('meta-heartbeat.json'));
    socket.send(fixture('group-at-string.json'));
    const got = (await frames) as Array<{ action: string; params: unknown; echo: string }>;
    expect(got.map((f) => [f.action, f.params])).toEqual([
      ['send_group_msg', { group_id: 87654321, message: '第一段', auto_escape: true }],
      ['send_group_msg', { group_id: 87654321, message: '第二段', auto_escape: true }],
    ]);
    expect(new Set(got.map((f) => f.echo)).size).toBe(2);
    expect(seen.map((m) => m.text)).toEqual(['村里的补贴,发了吗']);
    expect(channel.ws?.connectedSelfIds()).toEqual(['10001000']);
    socket.close();
  });

  it('sends nothing for a duplicate event, and push reaches the connected socket', async () => {
    const { socket } = await connect(napcat);
    if (!socket) throw new Error('not connected');
    outcome = { ...outcome, duplicate: true };
    const frames = nextFrames(socket, 1);
    socket.send(fixture('private-array.json'));
    await expect.poll(() => seen.length).toBe(1);
    await channel.drain();
    await channel.push.push('12345678', { parts: ['回访：满意吗？'] });
    // the first frame to arrive is the push: the duplicate produced none
    expect(await frames).toMatchObject([{ action: 'send_private_msg', params: { user_id: 12345678, message: '回访：满意吗？' } }]);
    socket.close();
  });
});
