import type { Contact, Message, Room, Wechaty, WechatyBuilder } from 'wechaty';
import type { Logger } from '../logger.js';
import { StaffRoomUnavailableError, type CommandHandler, type Mention, type StaffRoom } from './room.js';

export interface WechatyRoomOptions {
  /** a puppet module name (WECHATY_PUPPET) or a puppet instance (tests: wechaty-puppet-mock) */
  puppet: string | NonNullable<Parameters<typeof WechatyBuilder.build>[0]>['puppet'];
  puppetToken?: string;
  /** the group's topic (STAFF_ROOM_TOPIC) */
  topic: string;
  logger: Logger;
}

const SEEN_LIMIT = 2000;

/**
 * The staff room as a WeChat group through Wechaty. wechaty is imported when the room starts, not with the
 * module: importing it costs the process about 75 MB of memory (npm run bench:memory), wasted where no room is set.
 */
export class WechatyStaffRoom implements StaffRoom {
  readonly kind = 'wechaty';
  private bot: Wechaty | undefined;
  private handler: CommandHandler = () => Promise.resolve(undefined);
  private readonly seen = new Set<string>();
  private loginAt = Number.POSITIVE_INFINITY;
  private room: Room | undefined;

  constructor(private readonly opts: WechatyRoomOptions) {}

  private async build(): Promise<Wechaty> {
    const { WechatyBuilder: builder } = await import('wechaty');
    const opts = this.opts;
    const puppetOptions = opts.puppetToken ? { token: opts.puppetToken } : undefined;
    const bot = builder.build({ name: 'staff-room', puppet: opts.puppet as never, ...(puppetOptions ? { puppetOptions } : {}) });
    bot.on('login', () => { this.loginAt = Date.now(); });
    bot.on('message', (msg) => {
      this.onMessage(msg).catch((err: unknown) => opts.logger.error({ err, messageId: msg.id }, 'staff-room message failed'));
    });
    bot.on('error', (err) => opts.logger.error({ err }, 'wechaty error'));
    return bot;
  }

  onCommand(handler: CommandHandler): void {
    this.handler = handler;
  }

  isReady(): boolean {
    return this.bot?.isLoggedIn ?? false;
  }

  async start(): Promise<void> {
    this.bot ??= await this.build();
    await this.bot.start();
  }

  async stop(): Promise<void> {
    await this.bot?.stop();
  }

  async post(text: string, mentions: Mention[] = []): Promise<void> {
    const room = await this.findRoom();
    const contacts: Contact[] = [];
    const unresolved: string[] = [];
    for (const handle of [...new Set(mentions.map((m) => m.handle).filter(Boolean))]) {
      const member = await room.member(handle);
      if (member) contacts.push(member);
      else unresolved.push(`@${handle}`);
    }
    const body = unresolved.length ? `${unresolved.join(' ')} ${text}` : text;
    await room.say(body, ...contacts);
  }

  private async findRoom(): Promise<Room> {
    if (this.room) return this.room;
    if (!this.bot?.isLoggedIn) throw new StaffRoomUnavailableError('the staff-room bot is not logged in');
    const room = await this.bot.Room.find({ topic: this.opts.topic });
    if (!room) throw new StaffRoomUnavailableError(`no group with the topic "${this.opts.topic}"`);
    this.room = room;
    return room;
  }

  /** Own messages, repeats and the backlog from before login are dropped; only the staff room's text counts. */
  private fresh(msg: Message): boolean {
    if (msg.self() || msg.type() !== this.bot?.Message.Type.Text) return false;
    if (this.seen.has(msg.id)) return false;
    this.seen.add(msg.id);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    const sinceLogin = (Date.now() - this.loginAt) / 1000;
    return msg.age() <= sinceLogin + 1;
  }

  private async onMessage(msg: Message): Promise<void> {
    if (!this.fresh(msg)) return;
    const room = msg.room();
    if (!room || (await room.topic()) !== this.opts.topic) return;
    const talker = msg.talker();
    const addressed = await msg.mentionSelf();
    const text = addressed ? await msg.mentionText() : msg.text();
    const handle = (await room.alias(talker)) ?? talker.name();
    const answer = await this.handler({ id: talker.id, handle, name: talker.name(), addressed, messageId: msg.id }, text);
    if (answer) await room.say(answer, talker);
  }
}
