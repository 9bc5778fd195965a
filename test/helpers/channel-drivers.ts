import { oneBotSignature } from '../../src/channels/onebot/crypto.js';
import { qqKeys, qqSign } from '../../src/channels/qq-official/crypto.js';
import { OutboxMessageModel } from '../../src/outbox/index.js';
import { startTestBot, type TestBot } from './bot.js';
import { startFakeOneBotApi, startFakeQqApi, startFakeTelegramApi, type FakeApi } from './fake-platform-apis.js';
import { startFakeWechatApi, type FakeWechatApi } from './fake-wechat-api.js';
import { WechatTestClient } from './wechat-client.js';

/**
 * One villager-facing platform in tests: the real bot (startTestBot, on the test file's database)
 * with the platform's channel switched on, and the platform's outbound API faked on 127.0.0.1.
 *
 *   const d = await startChannelDriver('qq');
 *   const replies = await d.say('villager-1', '低保申请需要什么条件');  // every text the villager gets
 *   await d.close();
 */
export type ChannelName = 'wechat' | 'qq' | 'onebot' | 'telegram';
export const CHANNEL_NAMES: readonly ChannelName[] = ['wechat', 'qq', 'onebot', 'telegram'];

export interface DeliverOptions {
  /** the platform's own message id (MsgId, d.id, message_id, update_id); the same id again is a redelivery */
  platformMessageId?: string;
  /** how long to wait for the first reply before giving up with none (default 5 s) */
  firstReplyMs?: number;
}

/** What the villager got back for one delivery. */
export interface Delivery {
  /** the platform message id that was sent */
  platformMessageId: string;
  /** answered in the HTTP response itself (WeChat passive reply, OneBot quick operation) */
  passive: string[];
  /** sent through the platform API (WeChat customer-service, QQ passive-reply API, OneBot API, Telegram sendMessage) */
  pushed: string[];
  /** passive then pushed: everything the villager sees, in order */
  replies: string[];
}

export interface ChannelDriver {
  name: ChannelName;
  bot: TestBot;
  /** all reply texts the villager receives for this message, in order */
  say(userId: string, text: string): Promise<string[]>;
  deliver(userId: string, text: string, opts?: DeliverOptions): Promise<Delivery>;
  /** the user id the bot sees (and stores) for a test user id: numeric on OneBot and Telegram */
  platformUserId(userId: string): string;
  close(): Promise<void>;
}

/** The channel-specific part: post one message, read the passive answer, list what the fake API received. */
interface Transport {
  env: Record<string, string>;
  platformUserId(userId: string): string;
  /** posts the message; returns the texts answered in the HTTP response */
  post(bot: TestBot, platformUser: string, text: string, messageId: string): Promise<string[]>;
  /** texts the fake platform API has accepted for this user so far, in order */
  pushedTo(platformUser: string): string[];
  /** true while something for this user may still be on its way (WeChat: outbox rows not yet final) */
  busy(platformUser: string): Promise<boolean>;
  close(): Promise<void>;
}

const POLL_MS = 50;
/** no new call for this long (and nothing busy) = the reply is complete */
const QUIET_MS = 600;
const MAX_SETTLE_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sequence = 0;
/** Digits only, unique within the run (WeChat MsgId, OneBot message_id, Telegram ids are numbers). */
function nextId(): string {
  sequence += 1;
  return `${Date.now() % 1_000_000_000}${String(sequence).padStart(5, '0')}`;
}

/** Test user ids → numeric platform ids (OneBot QQ numbers, Telegram private chat ids). */
function numericIds(): (userId: string) => string {
  const ids = new Map<string, string>();
  return (userId) => {
    let id = ids.get(userId);
    if (id === undefined) {
      id = String(880_000_001 + ids.size);
      ids.set(userId, id);
    }
    return id;
  };
}

async function collectPushed(t: Transport, user: string, before: number, opts: { hadPassive: boolean; firstReplyMs: number }): Promise<string[]> {
  const started = Date.now();
  const count = () => t.pushedTo(user).length;
  if (!opts.hadPassive) {
    while (count() === before && Date.now() - started < opts.firstReplyMs) await sleep(POLL_MS);
    if (count() === before) return [];
  }
  let last = count();
  let quietSince = Date.now();
  while (Date.now() - started < MAX_SETTLE_MS) {
    await sleep(POLL_MS);
    if (count() !== last || (await t.busy(user))) {
      last = count();
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= QUIET_MS) break;
  }
  return t.pushedTo(user).slice(before);
}

async function startDriver(name: ChannelName, t: Transport): Promise<ChannelDriver> {
  let bot: TestBot;
  try {
    bot = await startTestBot(t.env);
  } catch (err) {
    await t.close();
    throw err;
  }
  if (!bot.parts.channels.includes(name)) throw new Error(`channel ${name} did not start (channels: ${bot.parts.channels.join(', ')})`);
  const deliver = async (userId: string, text: string, opts: DeliverOptions = {}): Promise<Delivery> => {
    const user = t.platformUserId(userId);
    const platformMessageId = opts.platformMessageId ?? nextId();
    const before = t.pushedTo(user).length;
    const passive = await t.post(bot, user, text, platformMessageId);
    const pushed = await collectPushed(t, user, before, { hadPassive: passive.length > 0, firstReplyMs: opts.firstReplyMs ?? 5_000 });
    return { platformMessageId, passive, pushed, replies: [...passive, ...pushed] };
  };
  return {
    name,
    bot,
    deliver,
    say: async (userId, text) => (await deliver(userId, text)).replies,
    platformUserId: (userId) => t.platformUserId(userId),
    close: async () => {
      await bot.close();
      await t.close();
    },
  };
}

async function expectOk(res: Response, what: string): Promise<Response> {
  if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  return res;
}

// --- WeChat official account, safe (encrypted) mode -------------------------------------------

const WECHAT = { token: 'drivertoken', appId: 'wx_driver_appid', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', secret: 'driver-appsecret' };

function wechatTransport(api: FakeWechatApi): Transport {
  const client = new WechatTestClient({ token: WECHAT.token, appId: WECHAT.appId, aesKey: WECHAT.aesKey, mode: 'safe' });
  return {
    env: { WECHAT_TOKEN: WECHAT.token, WECHAT_APPID: WECHAT.appId, WECHAT_ENCODING_AES_KEY: WECHAT.aesKey, WECHAT_APPSECRET: WECHAT.secret, WECHAT_API_BASE: api.url },
    platformUserId: (userId) => userId,
    post: async (bot, user, text, messageId) => {
      const req = client.buildRequest(client.textXml(user, text, messageId));
      const res = await expectOk(await fetch(`${bot.url}${req.path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: req.body }), 'POST /wechat');
      const content = client.parseReply(await res.text())?.content ?? '';
      return content === '' ? [] : [content];
    },
    pushedTo: (user) => api.sent().filter((m) => m.touser === user).map((m) => m.content),
    busy: async (user) => (await OutboxMessageModel.countDocuments({ channel: 'wechat', userId: user, status: { $in: ['pending', 'sending'] } })) > 0,
    close: () => api.close(),
  };
}

// --- QQ official bot, C2C (private) messages ---------------------------------------------------

const QQ = { appId: '102000001', secret: 'DriverSecretForQqBot' };

function qqTransport(api: FakeApi): Transport {
  const keys = qqKeys(QQ.secret);
  return {
    env: { QQ_APPID: QQ.appId, QQ_SECRET: QQ.secret, QQ_AUTH_BASE: api.url, QQ_API_BASE: api.url },
    platformUserId: (userId) => userId,
    post: async (bot, user, text, messageId) => {
      const payload = {
        id: `event-${messageId}`,
        op: 0,
        d: { author: { user_openid: user }, content: text, id: `ROBOT1.0_${messageId}`, timestamp: new Date().toISOString() },
        s: 1,
        t: 'C2C_MESSAGE_CREATE',
      };
      const body = Buffer.from(JSON.stringify(payload));
      const timestamp = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`${bot.url}/qq`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': qqSign(keys, Buffer.concat([Buffer.from(timestamp), body])), 'user-agent': 'QQBot-Callback' },
        body,
      });
      const ack = (await (await expectOk(res, 'POST /qq')).json()) as { op?: number };
      if (ack.op !== 12) throw new Error(`QQ dispatch not ACKed: ${JSON.stringify(ack)}`);
      return []; // QQ answers through its API only
    },
    pushedTo: (user) => api.callsTo(`/v2/users/${encodeURIComponent(user)}/messages`).map((c) => (c.body as { content: string }).content),
    busy: async () => false,
    close: () => api.close(),
  };
}

// --- OneBot v11 (NapCat & co.), private message over HTTP POST ---------------------------------

const ONEBOT = { secret: 'driver-onebot-secret', accessToken: 'driver-onebot-token', selfId: 10001000 };

function onebotTransport(api: FakeApi): Transport {
  const platformUserId = numericIds();
  return {
    env: { ONEBOT_SECRET: ONEBOT.secret, ONEBOT_API_URL: api.url, ONEBOT_ACCESS_TOKEN: ONEBOT.accessToken },
    platformUserId,
    post: async (bot, user, text, messageId) => {
      const event = {
        time: Math.floor(Date.now() / 1000), self_id: ONEBOT.selfId, post_type: 'message', message_type: 'private', sub_type: 'friend',
        message_id: Number(messageId), user_id: Number(user), message: [{ type: 'text', data: { text } }], raw_message: text, font: 0,
        sender: { user_id: Number(user), nickname: '村民' },
      };
      const body = JSON.stringify(event);
      const res = await expectOk(await fetch(`${bot.url}/onebot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-self-id': String(ONEBOT.selfId), 'x-signature': oneBotSignature(ONEBOT.secret, body) },
        body,
      }), 'POST /onebot');
      if (res.status === 204) return [];
      const quick = (await res.json()) as { reply?: string };
      return quick.reply ? [quick.reply] : [];
    },
    pushedTo: (user) => api.callsTo('/send_private_msg')
      .map((c) => c.body as { user_id: number | string; message: string })
      .filter((b) => String(b.user_id) === user)
      .map((b) => b.message),
    busy: async () => false,
    close: () => api.close(),
  };
}

// --- Telegram bot, private chat ----------------------------------------------------------------

const TELEGRAM = { token: '7000001:DRIVER-test-token', secret: 'driver_webhook-Secret' };

function telegramTransport(api: FakeApi): Transport {
  const platformUserId = numericIds();
  return {
    env: { TELEGRAM_BOT_TOKEN: TELEGRAM.token, TELEGRAM_WEBHOOK_SECRET: TELEGRAM.secret, TELEGRAM_API_BASE: api.url },
    platformUserId,
    post: async (bot, user, text, messageId) => {
      const id = Number(user);
      const update = {
        update_id: Number(messageId),
        message: { message_id: Number(messageId) % 2_000_000_000, from: { id, is_bot: false, first_name: '村民', language_code: 'zh-hans' }, chat: { id, first_name: '村民', type: 'private' }, date: Math.floor(Date.now() / 1000), text },
      };
      await expectOk(await fetch(`${bot.url}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM.secret },
        body: JSON.stringify(update),
      }), 'POST /telegram');
      return []; // Telegram answers through sendMessage only
    },
    pushedTo: (user) => api.callsTo(`/bot${TELEGRAM.token}/sendMessage`)
      .map((c) => c.body as { chat_id: number | string; text: string })
      .filter((b) => String(b.chat_id) === user)
      .map((b) => b.text),
    busy: async () => false,
    close: () => api.close(),
  };
}

/** Starts the fake platform API and the real bot with that channel on. The database must be connected. */
export async function startChannelDriver(name: ChannelName): Promise<ChannelDriver> {
  switch (name) {
    case 'wechat': return startDriver(name, wechatTransport(await startFakeWechatApi()));
    case 'qq': return startDriver(name, qqTransport(await startFakeQqApi()));
    case 'onebot': return startDriver(name, onebotTransport(await startFakeOneBotApi()));
    case 'telegram': return startDriver(name, telegramTransport(await startFakeTelegramApi()));
  }
}
