import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQqApi } from '../../../../src/channels/qq-official/api.js';
import { createQqPushSender, QqReplyWindowError } from '../../../../src/channels/qq-official/index.js';
import { textReply } from '../../../../src/core/message.js';
import { QqReplySeqModel, QqReplyWindowModel } from '../../../../src/channels/qq-official/window.model.js';
import { useTestDatabase } from '../../../helpers/db.js';
import { startFakeQqApi, type FakeApi } from '../../../helpers/fake-platform-apis.js';

let api: FakeApi;
let clock: number;
const now = () => clock;

useTestDatabase('qq_sender');

beforeEach(async () => {
  await QqReplyWindowModel.deleteMany({});
  await QqReplySeqModel.deleteMany({});
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

  it('lets a sender rebuilt after a restart answer within the window, numbering on', async () => {
    const before = sender();
    before.open({ kind: 'c2c', openid: 'U5', msgId: 'M5' }, ['U5']);
    await before.reply('M5', textReply('已收到'));
    const after = sender(); // a new process: nothing in memory
    clock += 30 * 60_000;
    await after.push('U5', textReply('办理进度：已转办'));
    await after.reply('M5', textReply('还有一句'));
    expect(api.callsTo('/v2/users/U5/messages').map((c) => (c.body as { msg_seq: number; msg_id: string }))).toEqual([
      expect.objectContaining({ msg_id: 'M5', msg_seq: 1 }), expect.objectContaining({ msg_id: 'M5', msg_seq: 2 }), expect.objectContaining({ msg_id: 'M5', msg_seq: 3 }),
    ]);
    clock += 31 * 60_000;
    expect(await problemOf(sender().push('U5', textReply('late')))).toBe('expired');
  });

  it('never lets two senders use the same msg_seq, and refuses the 6th reply', async () => {
    const [a, b] = [sender(), sender()];
    a.open({ kind: 'group', groupOpenid: 'G6', msgId: 'M6' }, ['member6', 'G6']);
    await a.flush();
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => (i % 2 === 0 ? a : b).reply('M6', textReply(`第${i}条`))));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ problem: 'quota' });
    const seqs = api.callsTo('/v2/groups/G6/messages').map((c) => (c.body as { msg_seq: number }).msg_seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
    expect(await problemOf(b.push('G6', textReply('第七条')))).toBe('quota');
  });

  it('gives back the seqs of a reply too long for what is left, so a shorter one still fits', async () => {
    const [a, b] = [sender(), sender()];
    a.open({ kind: 'c2c', openid: 'U7', msgId: 'M7' }, ['U7']);
    await a.reply('M7', textReply('1', '2', '3', '4'));
    expect(await problemOf(b.reply('M7', textReply('5', '6')))).toBe('quota');
    await b.reply('M7', textReply('5'));
    expect(api.callsTo('/messages').map((c) => (c.body as { msg_seq: number }).msg_seq)).toEqual([1, 2, 3, 4, 5]);
  });
});
