/**
 * The channels scripts/bench-channels.ts measures: for each, one in-process decode+verify of a
 * prepared inbound payload, the channel's router with a given TurnHandler, and signed requests.
 */
import { readFileSync } from 'node:fs';
import type Router from '@koa/router';
import { createOneBotChannel } from '../src/channels/onebot/index.js';
import { oneBotSignature, verifyOneBotSignature } from '../src/channels/onebot/crypto.js';
import { asMessageEvent, decodeOneBotMessage, parseOneBotEvent } from '../src/channels/onebot/decode.js';
import { createQqChannel } from '../src/channels/qq-official/index.js';
import { qqKeys, qqSign, verifyQqSignature } from '../src/channels/qq-official/crypto.js';
import { decodeQqMessage, parseQqMessageEvent, parseQqPayload } from '../src/channels/qq-official/decode.js';
import { createTelegramChannel, decodeTelegramUpdate } from '../src/channels/telegram/index.js';
import { telegramSecretMatches } from '../src/channels/telegram/crypto.js';
import type { Update } from '../src/channels/telegram/types.js';
import { createWebChatRouter } from '../src/channels/web/routes.js';
import { decodeWebMessage } from '../src/channels/web/decode.js';
import { decodeAesKey, decryptMessage } from '../src/channels/wechat-official/crypto.js';
import { decodeInbound } from '../src/channels/wechat-official/decode.js';
import { createWechatAdapter } from '../src/channels/wechat-official/index.js';
import { readQuery, verifyMsgSignature, verifyPlainSignature } from '../src/channels/wechat-official/verify.js';
import { parseWechatXml, requireField } from '../src/channels/wechat-official/xml.js';
import { loadConfig } from '../src/config.js';
import type { TurnHandler } from '../src/core/channel.js';
import type { Logger } from '../src/logger.js';
import { FAKE_TELEGRAM_BOT, startFakeQqApi, startFakeTelegramApi } from '../test/helpers/fake-platform-apis.js';
import { WechatTestClient } from '../test/helpers/wechat-client.js';

export interface BenchRequest { path: string; headers: Record<string, string>; body: string | Buffer }

export interface ChannelCase {
  label: string;
  note: string;
  router: Router;
  decodeOnce(i: number): void;
  request(i: number): BenchRequest;
  /** waits for work the channel does after answering (QQ replies after the ACK) */
  settle?(): Promise<void>;
  close(): Promise<void>;
}

type CaseFactory = ((handleTurn: TurnHandler, logger: Logger) => Promise<ChannelCase>) & { label: string };

const fixture = (p: string) => readFileSync(new URL(`../test/fixtures/${p}`, import.meta.url), 'utf8');
const json = 'application/json';
const named = (label: string, f: (h: TurnHandler, l: Logger) => Promise<ChannelCase>): CaseFactory => Object.assign(f, { label });

const wechat = named('wechat (safe)', async (handleTurn, logger) => {
  const token = 'benchtoken';
  const appId = 'wx0123456789abcdef';
  const aesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
  const router = createWechatAdapter(loadConfig({ WECHAT_TOKEN: token, WECHAT_APPID: appId, WECHAT_ENCODING_AES_KEY: aesKey }), { handleTurn, logger });
  if (!router) throw new Error('adapter did not start');
  const client = new WechatTestClient({ token, appId, aesKey, mode: 'safe' });
  const run = Date.now();
  const build = (i: number) => client.buildRequest(client.textXml(`openid_${i % 200}`, '低保怎么申请', `${run}${i}`));
  const sample = build(0);
  const key = decodeAesKey(aesKey);
  return {
    label: wechat.label, router, note: 'AES decrypt + encrypted passive reply',
    decodeOnce: () => {
      const q = readQuery(sample.query);
      verifyPlainSignature(q, token, Date.now());
      const encrypt = requireField(parseWechatXml(sample.body), 'Encrypt');
      verifyMsgSignature(q, token, encrypt);
      decodeInbound(parseWechatXml(decryptMessage(key, encrypt, appId).message));
    },
    request: (i) => {
      const r = build(i);
      return { path: r.path, headers: { 'Content-Type': 'text/xml' }, body: r.body };
    },
    close: async () => undefined,
  };
});

const qq = named('qq', async (handleTurn, logger) => {
  const api = await startFakeQqApi();
  const secret = 'DG5g3B4j9X2KOErG';
  const keys = qqKeys(secret);
  const channel = createQqChannel({ QQ_APPID: '11111111', QQ_SECRET: secret, QQ_AUTH_BASE: api.url, QQ_API_BASE: api.url }, { handleTurn, logger });
  if (!channel) throw new Error('channel did not start');
  const base = JSON.parse(fixture('qq/c2c-message.json')) as { id: string; d: { id: string } };
  const signed = (i: number) => {
    const body = Buffer.from(JSON.stringify({ ...base, id: `${base.id}-${i}`, d: { ...base.d, id: `${base.d.id}${i}` } }));
    const ts = String(Math.floor(Date.now() / 1000));
    return { body, ts, sig: qqSign(keys, Buffer.concat([Buffer.from(ts), body])) };
  };
  const sample = signed(0);
  return {
    label: qq.label, router: channel.router, note: 'Ed25519 verify; ACK, then the reply via the (fake) OpenAPI',
    decodeOnce: () => {
      if (!verifyQqSignature(keys, sample.ts, sample.body, sample.sig)) throw new Error('QQ signature');
      const payload = parseQqPayload(sample.body);
      const event = parseQqMessageEvent(payload);
      if (event) decodeQqMessage(event, payload);
    },
    request: (i) => {
      const s = signed(i);
      return { path: '/qq', headers: { 'content-type': json, 'x-signature-timestamp': s.ts, 'x-signature-ed25519': s.sig }, body: s.body };
    },
    settle: () => channel.drain(),
    close: () => api.close(),
  };
});

const onebot = named('onebot', async (handleTurn, logger) => {
  const secret = 'bench-onebot-secret';
  const channel = createOneBotChannel({ ONEBOT_SECRET: secret, ONEBOT_ACCESS_TOKEN: undefined, ONEBOT_API_URL: undefined }, { handleTurn, logger });
  if (!channel?.router) throw new Error('channel did not start');
  const base = JSON.parse(fixture('onebot/private-string.json')) as Record<string, unknown>;
  const body = (i: number) => Buffer.from(JSON.stringify({ ...base, message_id: 1000 + i }));
  const sample = body(0);
  const sampleSig = oneBotSignature(secret, sample);
  return {
    label: onebot.label, router: channel.router, note: 'HMAC-SHA1 verify; quick-operation reply',
    decodeOnce: () => {
      if (!verifyOneBotSignature(secret, sample, sampleSig)) throw new Error('OneBot signature');
      const event = asMessageEvent(parseOneBotEvent(sample));
      if (event) decodeOneBotMessage(event);
    },
    request: (i) => {
      const b = body(i);
      return { path: '/onebot', headers: { 'content-type': json, 'x-self-id': '10001000', 'x-signature': oneBotSignature(secret, b) }, body: b };
    },
    close: async () => channel.close(),
  };
});

const telegram = named('telegram', async (handleTurn, logger) => {
  const api = await startFakeTelegramApi();
  const secret = 'bench_webhook_secret';
  const channel = createTelegramChannel(
    { TELEGRAM_BOT_TOKEN: '123456:BENCH-token', TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_API_BASE: api.url },
    { handleTurn, logger, botInfo: FAKE_TELEGRAM_BOT },
  );
  if (!channel) throw new Error('channel did not start');
  const base = JSON.parse(fixture('telegram/private-text.json')) as Update;
  const body = (i: number) => JSON.stringify({ ...base, update_id: base.update_id + i, message: { ...base.message, message_id: 1000 + i } });
  const sample = body(0);
  return {
    label: telegram.label, router: channel.router, note: 'secret-token check; sendMessage to the (fake) Bot API inside the request',
    decodeOnce: () => {
      if (!telegramSecretMatches(secret, secret)) throw new Error('Telegram secret');
      decodeTelegramUpdate(JSON.parse(sample) as Update, FAKE_TELEGRAM_BOT);
    },
    request: (i) => ({ path: '/telegram', headers: { 'content-type': json, 'x-telegram-bot-api-secret-token': secret }, body: body(i) }),
    settle: () => channel.drain(),
    close: () => api.close(),
  };
});

const web = named('web', async (handleTurn) => {
  const router = createWebChatRouter({ handleTurn, pageHtml: '<!doctype html>', secureCookies: false });
  const body = (i: number) => JSON.stringify({ text: '低保怎么申请', clientMessageId: `bench-${String(i).padStart(6, '0')}` });
  const sample = body(0);
  const cookie = `nl_web_uid=${'a'.repeat(32)}`;
  return {
    label: web.label, router, note: 'JSON + cookie; no signature (first-party page)',
    decodeOnce: () => void decodeWebMessage(JSON.parse(sample) as unknown, 'a'.repeat(32), new Date()),
    request: (i) => ({ path: '/chat/api/messages', headers: { 'content-type': json, cookie }, body: body(i) }),
    close: async () => undefined,
  };
});

export const channelCases: CaseFactory[] = [wechat, qq, onebot, telegram, web];
