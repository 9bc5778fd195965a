import { GroupPostError } from '../../core/group-chat.js';
import type { WecomWebhookAnswer, WecomWebhookMarkdown } from './types.js';

/** 45009: the robot posted more than 20 messages this minute (path/91770). */
export const WEBHOOK_RATE_LIMITED = 45009;
const RATE_WINDOW_MS = 60_000;

/**
 * POSTs one body to the group's 消息推送 webhook. The URL carries the robot's key, a bearer secret: it is
 * never put into an error or a log line. Throws GroupPostError (with a wait for rate limits).
 */
export async function postToWebhook(url: string, body: WecomWebhookMarkdown, timeoutMs = 10_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const code = (err as { cause?: { code?: unknown } }).cause?.code;
    throw new GroupPostError(`企业微信 webhook unreachable${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  if (res.status === 429) throw new GroupPostError('企业微信 webhook answered 429', RATE_WINDOW_MS);
  if (!res.ok) throw new GroupPostError(`企业微信 webhook answered HTTP ${res.status}`);
  let answer: WecomWebhookAnswer;
  try {
    answer = (await res.json()) as WecomWebhookAnswer;
  } catch {
    throw new GroupPostError('企业微信 webhook answered something that is not JSON');
  }
  if (answer.errcode === WEBHOOK_RATE_LIMITED) throw new GroupPostError('企业微信 webhook: errcode 45009 (over 20 a minute)', RATE_WINDOW_MS);
  if (answer.errcode !== 0) throw new GroupPostError(`企业微信 webhook: errcode ${answer.errcode}`);
}
