import { oneBotSignature } from '../../src/channels/onebot/crypto.js';
import { decodeAesKey, decryptMessage, encryptMessage, msgSignature } from '../../src/channels/wechat-official/crypto.js';
import { SHARED_PUPPET_MODULE, StaffGroup } from '../integration/case-lifecycle/parties.js';
import type { TestBot } from './bot.js';
import { FAKE_TELEGRAM_BOT, startFakeApi, startFakeOneBotApi, startFakeTelegramApi, type FakeApi, type RecordedCall } from './fake-platform-apis.js';

/**
 * The staff group chat in tests, on each platform the staff room runs on, spoken to through that
 * platform's real protocol against the real bot (startTestBot):
 * - wechaty: wechaty-puppet-mock (the bot's own Wechaty gets the puppet);
 * - wecom: encrypted JSON callbacks to /wecom/bot as the 智能机器人 sends them, posts read from a fake 消息推送 webhook;
 * - onebot: signed OneBot v11 group events to /onebot, posts read from a fake OneBot HTTP API;
 * - telegram: grammY updates to /telegram, answers and posts read from a fake Bot API.
 */
export type StaffGroupName = 'wechaty' | 'wecom' | 'onebot' | 'telegram';
export const STAFF_GROUPS: readonly StaffGroupName[] = ['wechaty', 'wecom', 'onebot', 'telegram'];

export interface StaffGroupDriver {
  readonly name: StaffGroupName;
  /** the bot's settings for this group */
  readonly env: Record<string, string>;
  /** after the bot has started */
  open(bot: TestBot): void;
  /** a member (by roster chat handle) writes in the group; resolves with the bot's answer */
  say(handle: string, text: string): Promise<string>;
  /** every text the bot posted into the group, answers included */
  readonly posts: string[];
  waitForPost(match: (text: string) => boolean, from?: number): Promise<string>;
  /** how a post @-mentions this member */
  mentionOf(handle: string): string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls (bounded, 20 s: a loaded CI machine) until `find` returns something. */
export async function poll<T>(find: () => T | undefined, what: () => string): Promise<T> {
  for (let i = 0; i < 800; i++) {
    const found = find();
    if (found !== undefined) return found;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what()}`);
}

function waiter(posts: () => string[]) {
  return (match: (text: string) => boolean, from = 0) => poll(() => posts().slice(from).find(match), () => `a matching post; posts so far:\n${posts().join('\n---\n')}`);
}

/** The example roster's 企业微信 userids (templates/roster.example.yml); anyone else is not in the roster. */
export const WECOM_USER_IDS: Record<string, string> = {
  张三: 'ZhangSan', 李四: 'LiSi', 王五: 'WangWu', 赵六: 'ZhaoLiu', 钱七: 'QianQi', 孙八: 'SunBa', 周九: 'ZhouJiu', 吴十: 'WuShi', 郑甲: 'ZhengJia', 冯乙: 'FengYi', 陈丙: 'ChenBing', 褚丁: 'ChuDing',
};

let seq = 0;
const nextId = () => `${Date.now() % 1_000_000_000}${String(++seq).padStart(4, '0')}`;

/** Numeric platform ids per member (QQ numbers, Telegram user ids), stable within a driver. */
function numericIds(base: number): (handle: string) => number {
  const ids = new Map<string, number>();
  return (handle) => {
    let id = ids.get(handle);
    if (id === undefined) {
      id = base + ids.size;
      ids.set(handle, id);
    }
    return id;
  };
}

// --- wechaty -----------------------------------------------------------------------------------

function wechatyGroup(handles: string[]): StaffGroupDriver {
  const group = new StaffGroup(handles);
  const topic = '阳光农廉工作群（测试）';
  return {
    name: 'wechaty',
    env: { WECHATY_PUPPET: SHARED_PUPPET_MODULE, STAFF_ROOM_TOPIC: topic },
    open: () => group.open(topic),
    say: (handle, text) => group.say(handle, text),
    posts: group.posts,
    waitForPost: (match, from) => group.waitForPost(match, from),
    mentionOf: (handle) => `@${handle}`,
    close: () => { group.close(); return Promise.resolve(); },
  };
}

// --- 企业微信 / 政务微信 ----------------------------------------------------------------------------

export const WECOM = { token: 'staffroomWecomToken', aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' };

/** A webhook answer script: the next answers, then errcode 0. */
export type WebhookAnswer = { status: number } | { errcode: number };

export interface WecomGroupDriver extends StaffGroupDriver {
  webhook: FakeApi;
  /** the next webhook calls answer these (then errcode 0 again) */
  script: WebhookAnswer[];
  /** the raw callback: POST /wecom/bot with this decrypted message (signed and encrypted as WeCom does) */
  callback(message: object, opts?: { badSignature?: boolean }): Promise<Response>;
  /** the markdown bodies the webhook accepted (errcode 0), in order */
  accepted(): string[];
}

async function wecomGroup(): Promise<WecomGroupDriver> {
  const script: WebhookAnswer[] = [];
  const acceptedCalls = new Set<RecordedCall>();
  const webhook = await startFakeApi((call) => {
    const next = script.shift();
    if (next && 'status' in next) return { status: next.status, body: { errcode: -1 } };
    if (next) return { body: { errcode: next.errcode, errmsg: 'scripted' } };
    acceptedCalls.add(call);
    return { body: { errcode: 0, errmsg: 'ok' } };
  });
  const key = decodeAesKey(WECOM.aesKey);
  let bot: TestBot | undefined;
  const accepted = () => webhook.calls.filter((c) => acceptedCalls.has(c)).map((c) => (c.body as { markdown: { content: string } }).markdown.content);
  const log = chronicle(accepted);
  const all = () => log.read();
  const callback = async (message: object, opts: { badSignature?: boolean } = {}) => {
    if (!bot) throw new Error('open() first');
    const encrypt = encryptMessage(key, JSON.stringify(message), '');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = nextId();
    const signature = opts.badSignature ? '0'.repeat(40) : msgSignature(WECOM.token, timestamp, nonce, encrypt);
    return fetch(`${bot.url}/wecom/bot?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt }),
    });
  };
  const driver: WecomGroupDriver = {
    name: 'wecom', webhook, script, callback, accepted,
    env: { WECOM_BOT_TOKEN: WECOM.token, WECOM_BOT_ENCODING_AES_KEY: WECOM.aesKey, WECOM_WEBHOOK_URL: `${webhook.url}/cgi-bin/webhook/send?key=test-robot-key` },
    open: (b) => { bot = b; },
    async say(handle, text) {
      const userid = WECOM_USER_IDS[handle] ?? `not-in-roster-${handle}`;
      const msgid = `msg${nextId()}`;
      const before = accepted().length;
      const res = await callback({ msgid, aibotid: 'aibot-test', chatid: 'wrk-staff-group', chattype: 'group', from: { userid }, msgtype: 'text', text: { content: `@农廉助手 ${text}` } });
      if (res.status !== 200) throw new Error(`POST /wecom/bot answered ${res.status}`);
      const body = await res.text();
      if (!body) return poll(() => accepted()[before], () => 'a late answer through the webhook'); // answered late, through the webhook
      const reply = JSON.parse(body) as { encrypt: string; msgsignature: string; timestamp: number; nonce: string };
      if (msgSignature(WECOM.token, String(reply.timestamp), reply.nonce, reply.encrypt) !== reply.msgsignature) throw new Error('reply signature does not match');
      const plain = JSON.parse(decryptMessage(key, reply.encrypt, '').message) as { msgtype: string; stream: { content: string; finish: boolean } };
      log.answer(plain.stream.content);
      return plain.stream.content;
    },
    get posts() { return all(); },
    waitForPost: (match, from) => waiter(all)(match, from),
    mentionOf: (handle) => `<@${WECOM_USER_IDS[handle] ?? handle}>`,
    close: () => webhook.close(),
  };
  return driver;
}

/**
 * Posts (read from a fake API, in the order it received them) and answers (read from HTTP responses) in one
 * list, in the order the test saw them: `from = posts.length` then marks what is new.
 */
function chronicle(platformPosts: () => string[]): { read(): string[]; answer(text: string): void } {
  const posts: string[] = [];
  let taken = 0;
  const read = () => {
    const sent = platformPosts();
    posts.push(...sent.slice(taken));
    taken = sent.length;
    return posts;
  };
  return { read, answer: (text) => { read(); posts.push(text); } };
}

// --- QQ group over OneBot ------------------------------------------------------------------------

const ONEBOT = { secret: 'staff-onebot-secret', selfId: 20002000, groupId: '700100200' };

type Seg = { type: string; data: Record<string, string> };
const segmentsText = (message: Seg[] | string) => (typeof message === 'string' ? message : message.map((s) => (s.type === 'at' ? `[CQ:at,qq=${s.data.qq}]` : s.data.text ?? '')).join(''));

async function onebotGroup(): Promise<StaffGroupDriver> {
  const api = await startFakeOneBotApi();
  const qq = numericIds(810_000_001);
  const spoken = new Set<string>();
  let bot: TestBot | undefined;
  const log = chronicle(() => api.callsTo('/send_group_msg').map((c) => c.body as { group_id: number; message: Seg[] | string }).filter((b) => String(b.group_id) === ONEBOT.groupId).map((b) => segmentsText(b.message)));
  const all = () => log.read();
  return {
    name: 'onebot',
    env: { ONEBOT_SECRET: ONEBOT.secret, ONEBOT_API_URL: api.url, STAFF_ROOM_ONEBOT_GROUP: ONEBOT.groupId },
    open: (b) => { bot = b; },
    async say(handle, text) {
      if (!bot) throw new Error('open() first');
      const userId = qq(handle);
      spoken.add(handle);
      const id = Number(nextId());
      const event = {
        time: Math.floor(Date.now() / 1000), self_id: ONEBOT.selfId, post_type: 'message', message_type: 'group', sub_type: 'normal',
        message_id: id, group_id: Number(ONEBOT.groupId), user_id: userId, message: [{ type: 'text', data: { text } }], raw_message: text, font: 0,
        sender: { user_id: userId, nickname: handle, card: handle, role: 'member' },
      };
      const body = JSON.stringify(event);
      const res = await fetch(`${bot.url}/onebot`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-self-id': String(ONEBOT.selfId), 'x-signature': oneBotSignature(ONEBOT.secret, body) }, body });
      if (res.status === 204) return '';
      if (res.status !== 200) throw new Error(`POST /onebot answered ${res.status}`);
      const quick = (await res.json()) as { reply: string; at_sender: boolean };
      log.answer(quick.reply);
      return quick.reply;
    },
    get posts() { return all(); },
    waitForPost: (match, from) => waiter(all)(match, from),
    mentionOf: (handle) => (spoken.has(handle) ? `[CQ:at,qq=${qq(handle)}]` : `@${handle}`),
    close: () => api.close(),
  };
}

// --- Telegram group ------------------------------------------------------------------------------

const TELEGRAM = { token: '7000001:STAFF-test-token', secret: 'staff_webhook-Secret', chatId: '-1001700100200' };
const unescapeHtml = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

async function telegramGroup(): Promise<StaffGroupDriver> {
  const api = await startFakeTelegramApi();
  const tg = numericIds(510_000_001);
  const spoken = new Set<string>();
  let bot: TestBot | undefined;
  type Sent = { chat_id: number | string; text: string; reply_parameters?: { message_id: number } };
  const sent = () => api.callsTo(`/bot${TELEGRAM.token}/sendMessage`).map((c) => c.body as Sent).filter((b) => String(b.chat_id) === TELEGRAM.chatId);
  const posts: string[] = [];
  const all = () => { posts.splice(0, posts.length, ...sent().map((b) => unescapeHtml(b.text))); return posts; };
  return {
    name: 'telegram',
    env: { TELEGRAM_BOT_TOKEN: TELEGRAM.token, TELEGRAM_WEBHOOK_SECRET: TELEGRAM.secret, TELEGRAM_API_BASE: api.url, STAFF_ROOM_TELEGRAM_CHAT: TELEGRAM.chatId },
    open: (b) => { bot = b; },
    async say(handle, text) {
      if (!bot) throw new Error('open() first');
      const id = tg(handle);
      spoken.add(handle);
      const messageId = Number(nextId()) % 2_000_000_000;
      const update = {
        update_id: Number(nextId()) % 2_000_000_000,
        message: { message_id: messageId, from: { id, is_bot: false, first_name: handle }, chat: { id: Number(TELEGRAM.chatId), type: 'supergroup', title: '工作群' }, date: Math.floor(Date.now() / 1000), text },
      };
      const res = await fetch(`${bot.url}/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM.secret }, body: JSON.stringify(update) });
      if (res.status !== 200) throw new Error(`POST /telegram answered ${res.status}`);
      const answer = await poll(() => sent().find((b) => b.reply_parameters?.message_id === messageId), () => `an answer to Telegram message ${messageId}`);
      return unescapeHtml(answer.text);
    },
    get posts() { return all(); },
    waitForPost: (match, from) => waiter(all)(match, from),
    mentionOf: (handle) => (spoken.has(handle) ? `tg://user?id=${tg(handle)}` : `@${handle}`),
    close: () => api.close(),
  };
}

export { FAKE_TELEGRAM_BOT };

/** Starts the fake platform side of a staff group (the bot is started by the test with `env`). */
export async function startStaffGroup(name: 'wecom'): Promise<WecomGroupDriver>;
export async function startStaffGroup(name: StaffGroupName, handles?: string[]): Promise<StaffGroupDriver>;
export async function startStaffGroup(name: StaffGroupName, handles: string[] = Object.keys(WECOM_USER_IDS)): Promise<StaffGroupDriver> {
  switch (name) {
    case 'wechaty': return wechatyGroup(handles);
    case 'wecom': return wecomGroup();
    case 'onebot': return onebotGroup();
    case 'telegram': return telegramGroup();
  }
}
