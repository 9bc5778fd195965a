import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WecomBotRoom } from '../../../src/channels/wecom-bot/index.js';
import { silentLogger } from '../../../src/logger.js';
import { QueuedPost, type QueuedPostRecord } from '../../../src/staffroom/post.model.js';
import { PostQueue } from '../../../src/staffroom/post-queue.js';
import type { CommandHandler, Mention, StaffRoom } from '../../../src/staffroom/room.js';
import { useTestDatabase } from '../../helpers/db.js';
import { startFakeApi, type FakeApi, type RecordedCall } from '../../helpers/fake-platform-apis.js';

type Scripted = { status: number } | { errcode: number };

/** A room without platform limits that records what it posts. */
class RecordingRoom implements StaffRoom {
  readonly kind = 'recording';
  readonly posts: string[] = [];
  start = () => Promise.resolve();
  stop = () => Promise.resolve();
  onCommand(_h: CommandHandler): void { /* posts only */ }
  async post(text: string, _mentions: Mention[] = []): Promise<void> {
    await new Promise((r) => setTimeout(r, 5)); // a real platform takes a moment: the other instance runs meanwhile
    this.posts.push(text);
  }
}

describe('the staff room post queue: refused posts are retried, never dropped, sent once across instances', () => {
  useTestDatabase('staffroom_post_queue');
  let webhook: FakeApi;
  const script: Scripted[] = [];
  const accepted = new Set<RecordedCall>();
  const contents = () => webhook.calls.filter((c) => accepted.has(c)).map((c) => (c.body as { markdown: { content: string } }).markdown.content);
  const wecomRoom = () => new WecomBotRoom({ webhookUrl: `${webhook.url}/cgi-bin/webhook/send?key=secret-robot-key`, logger: silentLogger });
  const queue = (room: StaffRoom) => new PostQueue({ room, logger: silentLogger, retryBaseMs: 10 });
  const row = (id: string) => QueuedPost.findById(id).lean<QueuedPostRecord>();

  beforeAll(async () => {
    webhook = await startFakeApi((call) => {
      const next = script.shift();
      if (next && 'status' in next) return { status: next.status, body: {} };
      if (next) return { body: { errcode: next.errcode, errmsg: 'scripted' } };
      accepted.add(call);
      return { body: { errcode: 0, errmsg: 'ok' } };
    });
  });
  afterAll(async () => webhook.close());
  beforeEach(async () => {
    await QueuedPost.deleteMany({});
    accepted.clear();
    webhook.calls.length = 0;
  });

  it('a post refused by the webhook (down, then errcode 45009) stays queued and goes out once it is accepted', async () => {
    const q = queue(wecomRoom());
    script.push({ status: 502 });
    await q.enqueue('card:T20260302-0001', '【新案件】T20260302-0001', [{ handle: '赵六', directoryId: 'ZhaoLiu' }]);
    let waiting = await row('card:T20260302-0001');
    expect(waiting).toMatchObject({ attempts: 1 });
    expect(waiting?.lastError).toContain('HTTP 502');
    expect(waiting?.lastError).not.toContain('secret-robot-key');

    await new Promise((r) => setTimeout(r, 20)); // past the first back-off
    script.push({ errcode: 45009 });
    await q.flush();
    waiting = await row('card:T20260302-0001');
    expect(waiting?.attempts).toBe(2);
    expect(waiting?.lastError).toContain('45009');
    expect((waiting?.nextAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(50_000); // waits for the robot's minute
    await q.flush();
    expect(contents()).toEqual([]);

    await QueuedPost.updateOne({ _id: 'card:T20260302-0001' }, { $set: { nextAt: new Date() } }); // the minute has passed
    await q.flush();
    expect(contents()).toEqual(['<@ZhaoLiu>\n【新案件】T20260302-0001']);
    expect(await row('card:T20260302-0001')).toBeNull();
    await q.stop();
  });

  it('over 20 posts a minute: the rest wait for the window and go out merged into one post, none dropped', async () => {
    const q = queue(wecomRoom());
    for (let i = 0; i < 25; i++) await q.enqueue(`remind:T${i}`, `提醒：案件 T${i} 将于明天到期`);
    expect(contents()).toHaveLength(20);
    expect(await QueuedPost.countDocuments()).toBe(5);

    await QueuedPost.updateMany({}, { $set: { nextAt: new Date() } }); // a minute later, on another instance (its window is empty)
    await queue(wecomRoom()).flush();
    const posted = contents();
    expect(posted).toHaveLength(21);
    expect(posted[20]?.split('\n\n')).toEqual([20, 21, 22, 23, 24].map((i) => `提醒：案件 T${i} 将于明天到期`));
    for (let i = 0; i < 25; i++) expect(posted.join('\n').split(`案件 T${i} `)).toHaveLength(2);
    expect(await QueuedPost.countDocuments()).toBe(0);
  });

  it('two instances flushing one queue post each waiting post exactly once', async () => {
    const now = new Date();
    // left behind by an instance that stopped before sending
    await QueuedPost.insertMany(Array.from({ length: 12 }, (_, i) => ({ _id: `update:T${i}`, text: `动态 ${i}`, mentions: [], attempts: 0, nextAt: now, createdAt: new Date(now.getTime() + i) })));
    const room = new RecordingRoom();
    await Promise.all([queue(room).flush(), queue(room).flush(), queue(room).flush()]);
    expect([...room.posts].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `动态 ${i}`).sort());
    expect(await QueuedPost.countDocuments()).toBe(0);
  });
});
