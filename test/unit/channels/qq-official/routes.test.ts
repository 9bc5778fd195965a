import { readFileSync } from 'node:fs';
import Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQqChannel, type QqChannel } from '../../../../src/channels/qq-official/index.js';
import { qqKeys, qqSign } from '../../../../src/channels/qq-official/crypto.js';
import type { TurnOutcome } from '../../../../src/core/channel.js';
import type { InboundMessage } from '../../../../src/core/message.js';
import { QqReplySeqModel, QqReplyWindowModel } from '../../../../src/channels/qq-official/window.model.js';
import { useTestDatabase } from '../../../helpers/db.js';
import { listenLocal, startFakeQqApi, type FakeApi } from '../../../helpers/fake-platform-apis.js';

const SECRET = 'DG5g3B4j9X2KOErG'; // the QQ-DOC-OP13 secret
const keys = qqKeys(SECRET);
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/qq/${name}`, import.meta.url));

let api: FakeApi;
let server: Awaited<ReturnType<typeof listenLocal>>;
let channel: QqChannel;
let seen: InboundMessage[];
let outcome: TurnOutcome;

useTestDatabase('qq_routes');

beforeEach(async () => {
  // fixtures reuse msg ids: every test starts with no reply windows
  await QqReplyWindowModel.deleteMany({});
  await QqReplySeqModel.deleteMany({});
  api = await startFakeQqApi();
  seen = [];
  outcome = { reply: { parts: ['您好，低保申请请带身份证到村委会。'] }, duplicate: false };
  const made = createQqChannel(
    { QQ_APPID: '11111111', QQ_SECRET: SECRET, QQ_AUTH_BASE: api.url, QQ_API_BASE: api.url },
    { handleTurn: async (m) => { seen.push(m); return outcome; } },
  );
  if (!made) throw new Error('channel not configured');
  channel = made;
  const app = new Koa();
  app.use(channel.router.routes());
  server = await listenLocal(app.callback());
});

afterEach(async () => {
  await server.close();
  await api.close();
});

async function post(body: Buffer, opts: { timestamp?: string; signature?: string } = {}) {
  const timestamp = opts.timestamp ?? '1725442341';
  const signature = opts.signature ?? qqSign(keys, Buffer.concat([Buffer.from(timestamp), body]));
  return fetch(`${server.url}/qq`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signature, 'user-agent': 'QQBot-Callback' },
    body,
  });
}

describe('POST /qq', () => {
  it('is not created without QQ_APPID/QQ_SECRET', () => {
    expect(createQqChannel({ QQ_AUTH_BASE: 'http://x', QQ_API_BASE: 'http://x' }, { handleTurn: async () => outcome })).toBeUndefined();
  });

  it('answers op 13 validation with the published signature', async () => {
    const res = await post(fixture('op13-validation.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      plain_token: 'Arq0D5A61EgUu4OxUvOp',
      signature: '87befc99c42c651b3aac0278e71ada338433ae26fcb24307bdc5ad38c1adc2d01bcfcadc0842edac85e85205028a1132afe09280305f13aa6909ffc2d652c706',
    });
  });

  it('refuses a bad or missing signature with 401 and never runs a turn', async () => {
    const body = fixture('c2c-message.json');
    const good = qqSign(keys, Buffer.concat([Buffer.from('1725442341'), body]));
    expect((await post(body, { signature: good, timestamp: '1725442342' })).status).toBe(401);
    expect((await post(Buffer.concat([body, Buffer.from(' ')]), { signature: good })).status).toBe(401);
    expect((await post(body, { signature: '' })).status).toBe(401);
    await channel.drain();
    expect(seen).toHaveLength(0);
    expect(api.calls).toHaveLength(0);
  });

  it('ACKs a C2C message at once, then replies passively with token, msg_id and msg_seq', async () => {
    const res = await post(fixture('c2c-message.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ op: 12, d: 0 });
    await channel.drain();
    expect(seen.map((m) => m.text)).toEqual(['低保怎么申请']);
    const [tokenCall] = api.callsTo('/app/getAppAccessToken');
    expect(tokenCall?.body).toEqual({ appId: '11111111', clientSecret: SECRET });
    const sends = api.callsTo('/messages');
    expect(sends).toHaveLength(1);
    expect(sends[0]?.path).toBe('/v2/users/E4F4AEA33253A2797FB897C50B81D7ED/messages');
    expect(sends[0]?.headers.authorization).toBe('QQBot fake-qq-token-1');
    expect(sends[0]?.body).toEqual({ content: '您好，低保申请请带身份证到村委会。', msg_type: 0, msg_id: 'ROBOT1.0_.b6nx.CVryAO0nR58RXuU6SC.m92gc19j02qKqdm8ek!', msg_seq: 1 });
  });

  it('answers a group @-message in the group with the trimmed text, one seq per part', async () => {
    outcome = { reply: { parts: ['第一段', '第二段'] }, duplicate: false };
    await post(fixture('group-at-message.json'));
    await channel.drain();
    expect(seen[0]).toMatchObject({ text: '村务公开在哪里看', groupId: 'C9F778FE6ADF9D1D1DBE395BF744A33A' });
    const sends = api.callsTo('/messages');
    expect(sends.map((c) => c.path)).toEqual(['/v2/groups/C9F778FE6ADF9D1D1DBE395BF744A33A/messages', '/v2/groups/C9F778FE6ADF9D1D1DBE395BF744A33A/messages']);
    expect(sends.map((c) => (c.body as { msg_seq: number; content: string }).msg_seq)).toEqual([1, 2]);
    expect(api.callsTo('/app/getAppAccessToken')).toHaveLength(1); // cached for the second part
  });

  it('sends nothing again for a redelivered message the pipeline marks duplicate', async () => {
    await post(fixture('c2c-message.json'));
    await channel.drain();
    outcome = { ...outcome, duplicate: true };
    const again = await post(fixture('c2c-message.json'));
    expect(await again.json()).toEqual({ op: 12, d: 0 });
    await channel.drain();
    expect(seen).toHaveLength(2);
    expect(api.callsTo('/messages')).toHaveLength(1);
  });

  it('ACKs other dispatches without a turn and rejects a signed non-JSON body with 400', async () => {
    const other = await post(Buffer.from('{"op":0,"id":"e1","t":"FRIEND_ADD","d":{"openid":"X"}}'));
    expect(await other.json()).toEqual({ op: 12, d: 0 });
    expect((await post(Buffer.from('nope'))).status).toBe(400);
    await channel.drain();
    expect(seen).toHaveLength(0);
  });
});
