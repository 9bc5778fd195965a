import { afterAll, beforeAll } from 'vitest';
import { useTestDatabase } from '../../helpers/db.js';
import path from 'node:path';
import { types, type Wechaty } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { SystemMessages } from '../../../src/answers/catalog.js';
import { createTemplateStore } from '../../../src/answers/template-registry.js';
import { loadPackageHolidayData, WorkingCalendar } from '../../../src/calendar/index.js';
import { CaseService, type CaseRecord } from '../../../src/cases/index.js';
import { CaseEvents } from '../../../src/cases/events.js';
import { loadConfig } from '../../../src/config.js';
import type { Reply } from '../../../src/core/message.js';
import type { Deliverer, Feature, FeatureContext } from '../../../src/features.js';
import { silentLogger } from '../../../src/logger.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { staffRoomFeature } from '../../../src/staffroom/feature.js';
import { WechatyStaffRoom } from '../../../src/staffroom/wechaty-room.js';

export const ROOT = path.resolve('.');
export const TOPIC = '阳光农廉工作群';

export interface Delivered {
  target: { channel: string; userId: string };
  reply: Reply;
  meta?: { caseNumber?: string };
}

/** A FeatureContext on the test database, with a clock the test moves and a recording Deliverer. */
export function testContext(start = '2026-03-02T10:00:00'): { ctx: FeatureContext; delivered: Delivered[]; updates: { record: CaseRecord; action: string; actor: string; note?: string }[]; setNow: (s: string) => void; now: () => Date } {
  let now = new Date(`${start}+08:00`);
  const calendar = new WorkingCalendar(loadPackageHolidayData());
  const templatesDir = path.join(ROOT, 'templates');
  const delivered: Delivered[] = [];
  const deliverer: Deliverer = { deliver: async (target, reply, meta) => { delivered.push({ target, reply, meta }); } };
  const caseEvents = new CaseEvents();
  const updates: { record: CaseRecord; action: string; actor: string; note?: string }[] = [];
  caseEvents.on('updated', (record, change) => updates.push({ record, ...change }));
  // only what the staff room uses; the dialogue's parts (nlu, dispatch) stay out
  const ctx = {
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    logger: silentLogger, rootDir: ROOT, templatesDir,
    messages: SystemMessages.load(templatesDir),
    deliverer, templates: createTemplateStore(templatesDir, silentLogger), calendar,
    cases: CaseService.load(calendar, templatesDir, () => now),
    caseEvents,
  } as FeatureContext;
  return { ctx, delivered, updates, setNow: (s) => { now = new Date(`${s}+08:00`); }, now: () => now };
}

export async function loadExampleRoster(): Promise<void> {
  await loadRosterFile(path.join(ROOT, 'templates', 'roster.example.yml'));
}

/** A real Wechaty on wechaty-puppet-mock, a mock group with the roster's members, and everything the bot posts. */
export class MockStaffRoom {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly me = this.mocker.createContact({ name: '农廉助手' });
  readonly members = new Map<string, mock.ContactMock>();
  room!: mock.RoomMock;
  /** every text the bot posted into the room */
  readonly posts: string[] = [];
  feature!: Feature;
  staffRoom!: WechatyStaffRoom;

  constructor(handles: string[]) {
    for (const h of [...handles, '路人甲']) this.members.set(h, this.mocker.createContact({ name: h }));
  }

  /**
   * Another group member, known to the test as `key`, showing `name` (which may copy a colleague's
   * nickname: an impostor), with a fixed contact id if given. Call before start().
   */
  addMember(key: string, name: string, id?: string): mock.ContactMock {
    const contact = this.mocker.createContact(id ? { id, name } : { name });
    this.members.set(key, contact);
    return contact;
  }

  /** The member renames themselves (same account, new nickname); the bot sees the new name from then on. */
  async rename(key: string, name: string): Promise<void> {
    const member = this.members.get(key);
    if (!member) throw new Error(`no member ${key}`);
    this.mocker.cacheContactPayload.set(member.id, { ...member.payload, name });
    // the bot's own Contact re-reads its payload (sync = dirty the puppet cache, then reload)
    const bot = (this.staffRoom as unknown as { bot: Wechaty }).bot;
    await (await bot.Contact.find({ id: member.id }))?.sync();
  }

  async start(ctx: FeatureContext, now: () => Date): Promise<void> {
    this.staffRoom = new WechatyStaffRoom({ puppet: this.puppet, topic: TOPIC, logger: silentLogger });
    this.feature = staffRoomFeature(ctx, { room: this.staffRoom, now, intervalMs: 3_600_000 });
    await this.feature.start?.();
    this.mocker.login(this.me);
    this.room = this.mocker.createRoom({ topic: TOPIC, memberIdList: [this.me.id, ...[...this.members.values()].map((c) => c.id)] });
    // RoomMock is an EventEmitter at run time (the mocker emits each room message on it); its type does not say so
    (this.room as unknown as NodeJS.EventEmitter).on('message', (msg: mock.MessageMock) => {
      if (msg.talker().id === this.me.id) this.posts.push(msg.text() ?? '');
    });
  }

  async stop(): Promise<void> {
    await this.feature.stop?.();
  }

  /** Waits (bounded, 15 s: a loaded CI machine) until a post matches. */
  async waitForPost(match: (text: string) => boolean, from = 0): Promise<string> {
    for (let i = 0; i < 600; i++) {
      const found = this.posts.slice(from).find(match);
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no matching post; posts so far:\n${this.posts.join('\n---\n')}`);
  }

  /**
   * Delivers a raw message event: a message the platform sends again (same id) or one from before the
   * bot's login (old timestamp). Returns its id.
   */
  inject(handle: string, text: string, opts: { id?: string; timestamp?: number } = {}): string {
    const member = this.members.get(handle);
    if (!member) throw new Error(`no member ${handle}`);
    const id = opts.id ?? `injected-${Math.random().toString(36).slice(2)}`;
    if (!opts.id || !this.mocker.cacheMessagePayload.has(id)) {
      this.mocker.MessageMock.create({ id, talkerId: member.id, roomId: this.room.id, timestamp: opts.timestamp ?? Date.now(), type: types.Message.Text, text, mentionIdList: [] });
    }
    this.puppet.emit('message', { messageId: id });
    return id;
  }

  /** A member writes in the group; resolves with the bot's next post. */
  async say(handle: string, text: string, mentionBot = false): Promise<string> {
    const member = this.members.get(handle);
    if (!member) throw new Error(`no member ${handle}`);
    const from = this.posts.length;
    member.say(mentionBot ? `@${this.me.payload.name} ${text}` : text, mentionBot ? [this.me] : []).to(this.room);
    return this.waitForPost(() => true, from);
  }
}

/** The example roster's members' chat names. */
export const EXAMPLE_HANDLES = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴十', '郑甲', '冯乙', '陈丙', '褚丁'];

/**
 * One test file's staff room: a fresh database, the example roster, a feature context on a fixed
 * clock, and a started mock room with these members; stopped after the file.
 */
export function useStaffRoom(label: string, handles: string[] = EXAMPLE_HANDLES): { t: ReturnType<typeof testContext>; room: MockStaffRoom } {
  useTestDatabase(label);
  const t = testContext();
  const room = new MockStaffRoom(handles);
  beforeAll(async () => {
    await loadExampleRoster();
    await room.start(t.ctx, t.now);
  });
  afterAll(async () => room.stop());
  return { t, room };
}
