import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQqApi } from '../../../../src/channels/qq-official/api.js';
import { createQqPushSender, QqReplyWindowError } from '../../../../src/channels/qq-official/index.js';
import { textReply } from '../../../../src/core/message.js';
import { startFakeQqApi, type FakeApi } from '../../../helpers/fake-platform-apis.js';

let api: FakeApi;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  api = await startFakeQqApi({ expiresIn: '600' });
  clock = Date.UTC(2026, 0, 5, 2, 0, 0);
});
afterEach(() => api.close());

function sender() {
  return createQqPushSender(createQqApi({ appId: 'A', secret: 'S', authBase: api.url, apiBase: api.url, now }), now);
}

async function problemOf(work: Promise<unknown>): Promise<string> {
  const err = await work.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(QqReplyWindowError);
  return (err as QqReplyWindowError).problem;
}

describe('QQ passive reply windows', () => {
  it('pushes to a C2C user within 60 min and refuses after', async () => {
    const s = sender();
    s.open({ kind: 'c2c', openid: 'U1', msgId: 'M1' }, ['U1']);
    clock += 59 * 60_000;
    await s.push('U1', textReply('办理进度：已受理'));
    expect(api.callsTo('/v2/users/U1/messages')).toHaveLength(1);
    clock += 2 * 60_000;
    expect(await problemOf(s.push('U1', textReply('late')))).toBe('expired');
    expect(api.callsTo('/messages')).toHaveLength(1);
  });

  it('closes a group window after 5 min', async () => {
    const s = sender();
    s.open({ kind: 'group', groupOpenid: 'G1', msgId: 'M2' }, ['member', 'G1']);
    clock += 4 * 60_000;
    await s.push('G1', textReply('ok'));
    clock += 2 * 60_000;
    expect(await problemOf(s.push('member', textReply('late')))).toBe('expired');
  });

  it('allows at most 5 replies per msg_id with increasing msg_seq', async () => {
    const s = sender();
    s.open({ kind: 'c2c', openid: 'U2', msgId: 'M3' }, ['U2']);
    await s.reply('M3', textReply('1', '2', '3'));
    await s.reply('M3', textReply('4', '5'));
    expect(await problemOf(s.reply('M3', textReply('6')))).toBe('quota');
    expect(api.callsTo('/messages').map((c) => (c.body as { msg_seq: number }).msg_seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a user it has never heard from', async () => {
    expect(await problemOf(sender().push('nobody', textReply('hi')))).toBe('no-window');
  });

  it('renews the access token 60 s before it expires', async () => {
    const s = sender();
    s.open({ kind: 'c2c', openid: 'U3', msgId: 'M4' }, ['U3']);
    await s.reply('M4', textReply('a'));
    clock += 600_000 - 61_000;
    await s.reply('M4', textReply('b'));
    expect(api.callsTo('/app/getAppAccessToken')).toHaveLength(1);
    clock += 2_000;
    await s.reply('M4', textReply('c'));
    expect(api.callsTo('/app/getAppAccessToken')).toHaveLength(2);
    expect(api.callsTo('/messages').map((c) => c.headers.authorization)).toEqual(['QQBot fake-qq-token-1', 'QQBot fake-qq-token-1', 'QQBot fake-qq-token-2']);
  });
});
