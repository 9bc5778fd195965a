import { oneBotSignature } from '../../../src/channels/onebot/crypto.js';
import { qqKeys, qqSign } from '../../../src/channels/qq-official/crypto.js';
import { decodeAesKey, encryptMessage, msgSignature, sha1Signature } from '../../../src/channels/wechat-official/crypto.js';
import { FUZZ_SECRETS } from '../../../scripts/fuzz/targets.js';

/** Correctly signed requests to the hostile bot's channels (secrets from scripts/fuzz/targets.ts). */
let nonces = 0;

export interface Posted { status: number; text: string }

async function post(url: string, headers: Record<string, string>, body: string): Promise<Posted> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

/** WeChat in safe mode: the XML encrypted into an envelope, signed; or plaintext when `plain`. */
export function wechatRequest(base: string, xml: string, o: { plain?: boolean; timestamp?: string; nonce?: string } = {}): { url: string; body: string } {
  const s = FUZZ_SECRETS.wechat;
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? `n${Date.now()}${++nonces}`;
  const query: Record<string, string> = { signature: sha1Signature(s.token, timestamp, nonce), timestamp, nonce };
  if (o.plain) return { url: `${base}/wechat?${new URLSearchParams(query).toString()}`, body: xml };
  const encrypt = encryptMessage(decodeAesKey(s.aesKey), xml, s.appId);
  query.encrypt_type = 'aes';
  query.msg_signature = msgSignature(s.token, timestamp, nonce, encrypt);
  return { url: `${base}/wechat?${new URLSearchParams(query).toString()}`, body: `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
}

export function postWechat(base: string, xml: string, o: { plain?: boolean } = {}): Promise<Posted> {
  const r = wechatRequest(base, xml, o);
  return post(r.url, { 'content-type': 'text/xml' }, r.body);
}

export function wechatText(from: string, content: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

export function postQq(base: string, payload: unknown): Promise<Posted> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = qqSign(qqKeys(FUZZ_SECRETS.qq.secret), Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]));
  return post(`${base}/qq`, { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signature }, body);
}

export function postOneBot(base: string, event: unknown): Promise<Posted> {
  const body = JSON.stringify(event);
  return post(`${base}/onebot`, { 'content-type': 'application/json', 'x-signature': oneBotSignature(FUZZ_SECRETS.onebot.secret, body) }, body);
}

export function postTelegram(base: string, update: unknown): Promise<Posted> {
  return post(`${base}/telegram`, { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': FUZZ_SECRETS.telegram.secret }, JSON.stringify(update));
}

export function oneBotPrivate(userId: number, messageId: number, text: string, time = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  return { time, self_id: FUZZ_SECRETS.onebot.selfId, post_type: 'message', message_type: 'private', sub_type: 'friend', message_id: messageId, user_id: userId, message: [{ type: 'text', data: { text } }], raw_message: text };
}

export function telegramPrivate(chatId: number, messageId: number, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { update_id: 900_000 + messageId, message: { message_id: messageId, from: { id: chatId, is_bot: false, first_name: '村民' }, chat: { id: chatId, type: 'private' }, date: Math.floor(Date.now() / 1000), text, ...extra } };
}

export function qqC2c(openid: string, id: string, text: string): Record<string, unknown> {
  return { id: `event-${id}`, op: 0, s: 1, t: 'C2C_MESSAGE_CREATE', d: { id, content: text, timestamp: new Date().toISOString(), author: { user_openid: openid } } };
}
