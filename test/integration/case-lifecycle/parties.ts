import { fileURLToPath, pathToFileURL } from 'node:url';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { FakeWechatApi } from '../../helpers/fake-wechat-api.js';
import { WechatTestClient } from '../../helpers/wechat-client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls (bounded, 20 s: a loaded CI machine) until `find` returns something. */
async function poll<T>(find: () => T | undefined | Promise<T | undefined>, what: () => string): Promise<T> {
  for (let i = 0; i < 800; i++) {
    const found = await find();
    if (found !== undefined) return found;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what()}`);
}

/** WECHATY_PUPPET for the bot: shared-puppet.mjs hands Wechaty the puppet of `StaffGroup`. */
export const SHARED_PUPPET_MODULE = pathToFileURL(fileURLToPath(new URL('./shared-puppet.mjs', import.meta.url))).href;
const PUPPET_KEY = Symbol.for('nonglian.case-lifecycle.puppet');

/**
 * The staff group chat as WeChat would carry it: a wechaty-puppet-mock with the roster's members.
 * The bot's own Wechaty (built from WECHATY_PUPPET) gets this puppet; the test speaks as members.
 */
export class StaffGroup {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly me = this.mocker.createContact({ name: '农廉助手' });
  readonly members = new Map<string, mock.ContactMock>();
  /** every text the bot posted into the group */
  readonly posts: string[] = [];
  private room: mock.RoomMock | undefined;

  constructor(handles: string[]) {
    for (const h of handles) this.members.set(h, this.mocker.createContact({ name: h }));
    (globalThis as Record<symbol, unknown>)[PUPPET_KEY] = this.puppet;
  }

  /** After the bot has started: log the bot in and open the group with this topic. */
  open(topic: string): void {
    this.mocker.login(this.me);
    this.room = this.mocker.createRoom({ topic, memberIdList: [this.me.id, ...[...this.members.values()].map((c) => c.id)] });
    // RoomMock is an EventEmitter at run time (the mocker emits each room message on it); its type does not say so
    (this.room as unknown as NodeJS.EventEmitter).on('message', (msg: mock.MessageMock) => {
      if (msg.talker().id === this.me.id) this.posts.push(msg.text() ?? '');
    });
  }

  close(): void {
    delete (globalThis as Record<symbol, unknown>)[PUPPET_KEY];
  }

  waitForPost(match: (text: string) => boolean, from = 0): Promise<string> {
    return poll(() => this.posts.slice(from).find(match), () => `a matching post; posts so far:\n${this.posts.join('\n---\n')}`);
  }

  /** A member writes in the group; resolves with the bot's next post (its answer). */
  async say(handle: string, text: string): Promise<string> {
    const member = this.members.get(handle);
    if (!member || !this.room) throw new Error(`no member ${handle} or the group is not open`);
    const from = this.posts.length;
    member.say(text).to(this.room);
    return this.waitForPost(() => true, from);
  }
}

export const WECHAT = { token: 'lifecycletoken', appId: 'wx_lifecycle', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', secret: 'lifecycle-appsecret' };

let seq = 0;
/**
 * A villager on the official account in safe (encrypted) mode. `say` returns the passive reply
 * (or, when the bot answered through the customer-service API instead, that message);
 * `waitForPushed` returns the next message the fake WeChat API accepted for this villager.
 */
export class WechatVillager {
  private readonly client = new WechatTestClient({ token: WECHAT.token, appId: WECHAT.appId, aesKey: WECHAT.aesKey, mode: 'safe' });
  private read = 0;

  constructor(private readonly baseUrl: string, private readonly api: FakeWechatApi, readonly openId: string) {}

  pushed(): string[] {
    return this.api.sent().filter((m) => m.touser === this.openId).map((m) => m.content);
  }

  async say(text: string): Promise<string> {
    this.read = this.pushed().length;
    const req = this.client.buildRequest(this.client.textXml(this.openId, text, `${Date.now()}${String(seq++).padStart(4, '0')}`));
    const res = await fetch(`${this.baseUrl}${req.path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: req.body });
    if (res.status !== 200) throw new Error(`POST /wechat answered ${res.status}`);
    const passive = this.client.parseReply(await res.text())?.content ?? '';
    return passive !== '' ? passive : this.waitForPushed();
  }

  /** The next customer-service message not read yet that matches. */
  async waitForPushed(match: (text: string) => boolean = () => true): Promise<string> {
    const text = await poll(() => this.pushed().slice(this.read).find(match), () => `a pushed message; pushed so far:\n${this.pushed().join('\n---\n')}`);
    this.read = this.pushed().indexOf(text, this.read) + 1;
    return text;
  }
}
