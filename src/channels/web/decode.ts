import { PayloadError } from '../../core/errors.js';
import type { InboundMessage } from '../../core/message.js';
import type { WebChatRequest } from './types.js';

const MAX_TEXT = 2000;

/** Parses the browser's JSON body; the user id comes from the cookie, never from the body. */
export function decodeWebMessage(body: unknown, userId: string, now: Date): InboundMessage {
  if (typeof body !== 'object' || body === null) throw new PayloadError('body must be a JSON object');
  const { text, clientMessageId } = body as Partial<WebChatRequest>;
  if (typeof text !== 'string') throw new PayloadError('text must be a string');
  if (text.length > MAX_TEXT) throw new PayloadError(`text is longer than ${MAX_TEXT} characters`);
  if (typeof clientMessageId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(clientMessageId)) {
    throw new PayloadError('clientMessageId must be 8-64 characters of A-Z a-z 0-9 _ -');
  }
  return {
    channel: 'web', messageId: `${userId}:${clientMessageId}`, userId, kind: 'text', text,
    sentAt: now, raw: body,
  };
}
