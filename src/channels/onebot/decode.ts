import { z } from 'zod';
import { PayloadError } from '../../core/errors.js';
import type { InboundMessage } from '../../core/message.js';
import { toSegments } from './cq-code.js';
import type { OneBotEvent, OneBotMessageEvent, Segment } from './types.js';

// ids are QQ numbers or implementation-chosen strings; a float, 1e300 or an empty id is bad input (issue 13)
const id = z.union([z.number().int().safe(), z.string().regex(/^[\x21-\x7e]{1,64}$/)]);
const segment = z.object({ type: z.string(), data: z.record(z.string(), z.unknown()).nullish() });

const messageEventSchema = z.object({
  // unix seconds; anything beyond year 2286 (1e300 …) would be an Invalid Date downstream
  time: z.number().int().min(0).max(1e10),
  self_id: id,
  post_type: z.literal('message'),
  message_type: z.enum(['private', 'group']),
  sub_type: z.string().optional(),
  message_id: id,
  user_id: id,
  group_id: id.optional(),
  message: z.union([z.string(), z.array(segment)]),
  raw_message: z.string().optional(),
  /** who wrote it: the staff group matches the group card (else the nickname) to the roster */
  sender: z.object({ nickname: z.string().optional(), card: z.string().optional(), role: z.string().optional() }).optional(),
});

/** Parses a raw event body; throws PayloadError for non-JSON or a body without post_type. */
export function parseOneBotEvent(raw: Buffer | string): OneBotEvent {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (cause) {
    throw new PayloadError('OneBot body is not JSON', { cause });
  }
  if (typeof json !== 'object' || json === null || typeof (json as { post_type?: unknown }).post_type !== 'string') {
    throw new PayloadError('OneBot body has no post_type');
  }
  return json as OneBotEvent;
}

/** A message event (private or group), or undefined for meta events, notices, requests. */
export function asMessageEvent(event: OneBotEvent): OneBotMessageEvent | undefined {
  if (event.post_type !== 'message') return undefined;
  const parsed = messageEventSchema.safeParse(event);
  if (!parsed.success) throw new PayloadError('bad OneBot message event', { cause: parsed.error });
  return { ...parsed.data, message: toSegments(parsed.data.message) };
}

function isAtSelf(s: Segment, selfId: string): boolean {
  return s.type === 'at' && s.data.qq === selfId;
}

const MEDIA_TYPES: Record<string, string> = { image: 'image', record: 'voice', video: 'video', file: 'file', location: 'location', share: 'link' };

/**
 * OneBot message → InboundMessage. Group messages are answered only when the bot is
 * @-mentioned; the mention is stripped. Returns undefined for messages to ignore.
 */
export function decodeOneBotMessage(event: OneBotMessageEvent): InboundMessage | undefined {
  const selfId = String(event.self_id);
  const segments = toSegments(event.message);
  if (event.message_type === 'group' && !segments.some((s) => isAtSelf(s, selfId))) return undefined;
  const kept = segments.filter((s) => !isAtSelf(s, selfId));
  const text = kept.filter((s) => s.type === 'text').map((s) => s.data.text ?? '').join('').trim();
  const media = kept.find((s) => MEDIA_TYPES[s.type] !== undefined);
  const isMedia = text.length === 0 && media !== undefined;
  if (text.length === 0 && !isMedia) return undefined;
  return {
    channel: 'onebot',
    messageId: `${selfId}:${String(event.message_id)}`,
    userId: String(event.user_id),
    ...(event.message_type === 'group' && event.group_id !== undefined ? { groupId: String(event.group_id) } : {}),
    kind: isMedia ? 'media' : 'text',
    text,
    ...(isMedia ? { mediaType: MEDIA_TYPES[media.type] } : {}),
    sentAt: new Date(event.time * 1000),
    raw: event,
  };
}
