import type { PushSender } from '../../core/channel.js';
import type { Reply } from '../../core/message.js';
import { createWechatTokenStore, WechatApiError, type AccessTokenStore } from './access-token.js';
import { splitToBytes } from '../../core/text-parts.js';
import { PushRefusedError } from '../../core/errors.js';

/**
 * Customer-service messages (客服消息): how the bot speaks after the passive reply is gone.
 * WeChat allows 5 per user message within 48 h (protocols.md §1.6); outside that it answers
 * 45015, over the count 45047. Both are typed so the outbox can fall back (a phone call).
 * https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage
 */
export const CUSTOMER_SERVICE_MAX_BYTES = 2048;

const ERR_OUT_OF_WINDOW = 45015; // response out of time limit, or the user unfollowed
const ERR_QUOTA = 45047; // out of response count limit
const TOKEN_REJECTED = new Set([40001, 40014, 42001]); // invalid credential / invalid token / token expired

/** The user is outside the 48 h window or has unfollowed: no customer-service message can reach them. */
export class DeliveryWindowClosed extends PushRefusedError {
  override name = 'DeliveryWindowClosed';
  constructor(readonly userId: string, options?: ErrorOptions) {
    super('window', `WeChat: ${userId} is outside the customer-service window`, options);
  }
}

/** The user's customer-service quota (5 per message they sent) is used up. */
export class DeliveryQuotaExceeded extends PushRefusedError {
  override name = 'DeliveryQuotaExceeded';
  constructor(readonly userId: string, options?: ErrorOptions) {
    super('quota', `WeChat: customer-service quota for ${userId} is used up`, options);
  }
}

export { WechatApiError };

export interface WechatPushOptions {
  /** WECHAT_API_BASE, e.g. https://api.weixin.qq.com */
  apiBase: string;
  /** shared access-token store; built from appId/appSecret when not given */
  tokenStore?: AccessTokenStore;
  appId?: string;
  appSecret?: string;
  timeoutMs?: number;
}

/** Splits reply parts so each stays within the customer-service byte limit. */
export function customerServiceParts(reply: Reply, maxBytes = CUSTOMER_SERVICE_MAX_BYTES): string[] {
  return splitToBytes(reply.parts, maxBytes);
}

/** The WeChat PushSender: one customer-service text message per part, in order. */
export function createWechatPushSender(opts: WechatPushOptions): PushSender {
  const base = opts.apiBase.replace(/\/$/, '');
  const tokens = opts.tokenStore ?? defaultStore(opts);

  async function post(token: string, userId: string, content: string): Promise<number> {
    const url = `${base}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ touser: userId, msgtype: 'text', text: { content } }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new WechatApiError('customer-service API unreachable', undefined, { cause: err });
    }
    if (!res.ok) throw new WechatApiError(`customer-service API answered HTTP ${res.status}`);
    let body: { errcode?: unknown };
    try {
      body = (await res.json()) as { errcode?: unknown };
    } catch (err) {
      throw new WechatApiError('customer-service API answered with an unreadable body', undefined, { cause: err });
    }
    return typeof body.errcode === 'number' ? body.errcode : 0;
  }

  async function sendOne(userId: string, content: string): Promise<void> {
    let token = await tokens.get();
    let code = await post(token, userId, content);
    if (TOKEN_REJECTED.has(code)) {
      token = await tokens.refresh(token);
      code = await post(token, userId, content);
    }
    if (code === 0) return;
    if (code === ERR_OUT_OF_WINDOW) throw new DeliveryWindowClosed(userId);
    if (code === ERR_QUOTA) throw new DeliveryQuotaExceeded(userId);
    throw new WechatApiError(`customer-service API refused: errcode ${code}`, code);
  }

  return {
    channel: 'wechat',
    async push(userId, reply) {
      for (const content of customerServiceParts(reply)) await sendOne(userId, content);
    },
  };
}

function defaultStore(opts: WechatPushOptions): AccessTokenStore {
  if (!opts.appId || !opts.appSecret) throw new Error('WeChat push needs a tokenStore or WECHAT_APPID and WECHAT_APPSECRET');
  return createWechatTokenStore({ apiBase: opts.apiBase, appId: opts.appId, appSecret: opts.appSecret });
}
