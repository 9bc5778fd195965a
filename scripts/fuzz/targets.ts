import { oneBotSignature } from '../../src/channels/onebot/crypto.js';
import { qqKeys, qqSign } from '../../src/channels/qq-official/crypto.js';
import { decodeAesKey, encryptMessage, msgSignature, sha1Signature } from '../../src/channels/wechat-official/crypto.js';
import { chance, hostileRawBody, hostileValue, mutateJson, mutateStrings, pick, PHONE, ID_NUMBER, type Rng } from './values.js';

/**
 * The endpoints the fuzz corpus hits, each request correctly signed where the platform signs
 * (hostile input from someone who holds the secret is the interesting case) and the body broken
 * in one of many ways. Everything is derived from the seed and the request number.
 */
export const FUZZ_SECRETS = {
  wechat: { token: 'fuzztoken', appId: 'wx_fuzz_appid', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', secret: 'fuzz-appsecret' },
  qq: { appId: '102000009', secret: 'FuzzSecretForQqBot01' },
  onebot: { secret: 'fuzz-onebot-secret', accessToken: 'fuzz-onebot-token', selfId: 10001000 },
  telegram: { token: '7000001:FUZZabcdefghijklmnopqrstuvwxyz0123456', secret: 'fuzz_webhook-Secret' },
  admin: { username: 'admin', password: 'fuzz-admin-password-1' },
} as const;

/** The bot's environment with every channel on, all platform APIs at `apiUrl`. */
export function fuzzEnv(apiUrl: string): Record<string, string> {
  const s = FUZZ_SECRETS;
  return {
    WECHAT_TOKEN: s.wechat.token, WECHAT_APPID: s.wechat.appId, WECHAT_ENCODING_AES_KEY: s.wechat.aesKey, WECHAT_APPSECRET: s.wechat.secret, WECHAT_API_BASE: apiUrl,
    QQ_APPID: s.qq.appId, QQ_SECRET: s.qq.secret, QQ_AUTH_BASE: apiUrl, QQ_API_BASE: apiUrl,
    ONEBOT_SECRET: s.onebot.secret, ONEBOT_ACCESS_TOKEN: s.onebot.accessToken, ONEBOT_API_URL: apiUrl,
    TELEGRAM_BOT_TOKEN: s.telegram.token, TELEGRAM_WEBHOOK_SECRET: s.telegram.secret, TELEGRAM_API_BASE: apiUrl,
    ADMIN_USERNAME: s.admin.username, ADMIN_PASSWORD: s.admin.password,
  };
}

export type Target = 'wechat' | 'qq' | 'onebot' | 'telegram' | 'chat' | 'admin';
export const TARGETS: readonly Target[] = ['wechat', 'qq', 'onebot', 'telegram', 'chat', 'admin'];

export interface FuzzRequest {
  target: Target;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The logged-in admin session the admin requests use (cookie + CSRF token). */
export interface AdminSession { cookie: string; csrf: string }

const text = (rng: Rng): string => (chance(rng, 0.5) ? `我的电话${PHONE}身份证${ID_NUMBER}，低保怎么办` : String(pick(rng, ['低保怎么申请', '人工', '投诉', '', ' '])));
/** 12 % not the expected JSON at all, 30 % well-formed with hostile strings, the rest with broken fields */
function jsonOrRaw(rng: Rng, template: unknown): string {
  const r = rng();
  if (r < 0.12) return hostileRawBody(rng);
  return JSON.stringify(r < 0.42 ? mutateStrings(template, rng) : mutateJson(template, rng));
}

function wechatXml(rng: Rng, n: number): string {
  const now = Math.floor(Date.now() / 1000);
  const field = (name: string, fallback: string): string => {
    if (!chance(rng, 0.25)) return `<${name}><![CDATA[${fallback}]]></${name}>`;
    const v = hostileValue(rng);
    if (chance(rng, 0.3)) return ''; // element missing
    return chance(rng, 0.5) ? `<${name}>${String(v)}</${name}>` : `<${name}><![CDATA[${String(v)}]]></${name}>`;
  };
  if (chance(rng, 0.08)) return pick(rng, ['', '<xml>', '<xml><a>1</a><a>2</a></xml>', '<!DOCTYPE xml [<!ENTITY x "y">]><xml>&x;</xml>', '{"a":1}', '<xml><xml></xml></xml>']);
  const type = chance(rng, 0.85) ? 'text' : String(pick(rng, ['event', 'image', 'voice', 'location', '', 'x'.repeat(500)]));
  return `<xml>${field('ToUserName', 'gh_fuzz')}${field('FromUserName', `o_fuzz_${n % 50}`)}${field('CreateTime', String(now))}` +
    `${field('MsgType', type)}${field('Content', text(rng))}${field('Event', pick(rng, ['subscribe', 'unsubscribe', 'CLICK']))}${field('MsgId', String(7_000_000_000_000 + n))}</xml>`;
}

function wechat(rng: Rng, n: number): FuzzRequest {
  const s = FUZZ_SECRETS.wechat;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `${n}${Math.floor(rng() * 1e6)}`;
  const query: Record<string, string> = { signature: sha1Signature(s.token, timestamp, nonce), timestamp, nonce };
  const xml = wechatXml(rng, n);
  let body = xml;
  if (!chance(rng, 0.1)) { // most arrive encrypted; plaintext is refused once the key is set
    const encrypt = chance(rng, 0.05) ? String(pick(rng, ['', 'AAAA', '!!!!', 'x'.repeat(100)])) : encryptMessage(decodeAesKey(s.aesKey), xml, s.appId);
    query.encrypt_type = 'aes';
    query.msg_signature = msgSignature(s.token, timestamp, nonce, encrypt);
    body = `<xml><ToUserName><![CDATA[gh_fuzz]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  }
  return { target: 'wechat', method: 'POST', path: `/wechat?${new URLSearchParams(query).toString()}`, headers: { 'content-type': 'text/xml' }, body };
}

function qq(rng: Rng, n: number): FuzzRequest {
  const template = chance(rng, 0.15)
    ? { op: 13, d: { plain_token: 'abc', event_ts: '1700000000' } }
    : { id: `event-${n}`, op: 0, s: 1, t: pick(rng, ['C2C_MESSAGE_CREATE', 'GROUP_AT_MESSAGE_CREATE']), d: { id: `ROBOT1.0_${n}`, content: text(rng), timestamp: new Date().toISOString(), author: { user_openid: `u${n % 50}`, member_openid: `m${n % 50}` }, group_openid: 'g1', attachments: [] } };
  const body = jsonOrRaw(rng, template);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = qqSign(qqKeys(FUZZ_SECRETS.qq.secret), Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]));
  return { target: 'qq', method: 'POST', path: '/qq', headers: { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signature }, body };
}

function onebot(rng: Rng, n: number): FuzzRequest {
  const s = FUZZ_SECRETS.onebot;
  const msg = text(rng);
  const template = {
    time: Math.floor(Date.now() / 1000), self_id: s.selfId, post_type: 'message', message_type: pick(rng, ['private', 'group']), sub_type: 'friend',
    message_id: 500_000 + n, user_id: 880_000_000 + (n % 50), group_id: 123, message: chance(rng, 0.5) ? [{ type: 'at', data: { qq: String(s.selfId) } }, { type: 'text', data: { text: msg } }] : msg, raw_message: msg,
  };
  const body = jsonOrRaw(rng, template);
  return { target: 'onebot', method: 'POST', path: '/onebot', headers: { 'content-type': 'application/json', 'x-signature': oneBotSignature(s.secret, body) }, body };
}

function telegram(rng: Rng, n: number): FuzzRequest {
  const id = 880_000_000 + (n % 50);
  const template = {
    update_id: 900_000 + n,
    message: { message_id: n, from: { id, is_bot: false, first_name: '村民' }, chat: { id, type: 'private' }, date: Math.floor(Date.now() / 1000), text: text(rng), entities: [{ type: 'bot_command', offset: 0, length: 1 }] },
  };
  return { target: 'telegram', method: 'POST', path: '/telegram', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': FUZZ_SECRETS.telegram.secret }, body: jsonOrRaw(rng, template) };
}

function chat(rng: Rng, n: number): FuzzRequest {
  const template = { text: text(rng), clientMessageId: `fuzz${n.toString(36).padStart(6, '0')}` };
  return { target: 'chat', method: 'POST', path: '/chat/api/messages', headers: { 'content-type': 'application/json' }, body: jsonOrRaw(rng, template) };
}

const ADMIN_POSTS: ReadonlyArray<[string, unknown]> = [
  ['/api/admin/login', { username: 'admin', password: 'not-the-password' }],
  ['/api/nlu/try', { text: `电话${PHONE}` }],
  ['/api/admin/templates/service:dibao/drafts', { content: { title: 't', text: 'x' }, reason: 'r' }],
  ['/api/admin/templates/service:dibao/preview', { content: { title: 't', text: 'x' } }],
  ['/api/admin/templates/service:dibao/rollback', { version: 1, reason: 'r' }],
  ['/api/admin/users', { username: 'fuzzuser', password: 'long-enough-pass', roles: ['editor'] }],
  ['/api/admin/users/fuzzuser/roles', { roles: ['editor'] }],
  ['/api/admin/calendar/overrides', { date: '2026-10-01', kind: 'holiday', note: 'x' }],
];

/** a path segment from a hostile value (lone surrogates become U+FFFD: a URL cannot carry them) */
const segment = (rng: Rng): string => encodeURIComponent(String(hostileValue(rng)).replace(/[\ud800-\udfff]/g, '\ufffd'));

function admin(rng: Rng, n: number, session: AdminSession | undefined): FuzzRequest {
  const [path, template] = pick(rng, ADMIN_POSTS);
  const hostilePath = chance(rng, 0.1) ? path.replace('service:dibao', segment(rng)).replace('/fuzzuser/roles', `/${segment(rng)}/roles`) : path;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session && !hostilePath.endsWith('/login') && chance(rng, 0.9)) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = chance(rng, 0.95) ? session.csrf : String(n);
  }
  return { target: 'admin', method: 'POST', path: hostilePath, headers, body: jsonOrRaw(rng, template) };
}

/** The n-th request of the corpus (targets in turn, bodies from the seeded generator). */
export function buildRequest(rng: Rng, n: number, session?: AdminSession): FuzzRequest {
  const target = TARGETS[n % TARGETS.length] as Target;
  switch (target) {
    case 'wechat': return wechat(rng, n);
    case 'qq': return qq(rng, n);
    case 'onebot': return onebot(rng, n);
    case 'telegram': return telegram(rng, n);
    case 'chat': return chat(rng, n);
    case 'admin': return admin(rng, n, session);
  }
}
