import { z } from 'zod';
import { PayloadError } from '../../core/errors.js';
import type { InboundMessage } from '../../core/message.js';
import type { QqC2cMessage, QqGroupMessage, QqPayload, QqValidationData } from './types.js';

const payloadSchema = z.object({
  id: z.string().optional(),
  op: z.number().int(),
  d: z.unknown(),
  s: z.number().optional(),
  t: z.string().optional(),
});

/** message ids and openids: printable ASCII, bounded (an empty or huge id is bad input, issue 13) */
const qqId = z.string().regex(/^[\x21-\x7e]{1,128}$/);

const validationSchema = z.object({ plain_token: z.string().min(1), event_ts: z.string().min(1) });

const attachmentsSchema = z.array(z.object({ content_type: z.string().optional(), url: z.string().optional() }).loose()).optional();

const c2cSchema = z.object({
  id: qqId,
  content: z.string().default(''),
  timestamp: z.string(),
  author: z.object({ user_openid: qqId }).loose(),
  attachments: attachmentsSchema,
});

const groupSchema = z.object({
  id: qqId,
  content: z.string().default(''),
  timestamp: z.string(),
  group_openid: qqId,
  author: z.object({ member_openid: qqId }).loose(),
  attachments: attachmentsSchema,
});

export type QqMessageEvent =
  | { kind: 'c2c'; message: QqC2cMessage }
  | { kind: 'group'; message: QqGroupMessage };

/** Parses the raw webhook body; throws PayloadError on anything that is not a QQ payload. */
export function parseQqPayload(raw: Buffer | string): QqPayload {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (cause) {
    throw new PayloadError('QQ body is not JSON', { cause });
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new PayloadError('QQ body is not a webhook payload', { cause: parsed.error });
  return parsed.data;
}

export function parseQqValidation(payload: QqPayload): QqValidationData {
  const parsed = validationSchema.safeParse(payload.d);
  if (!parsed.success) throw new PayloadError('QQ op 13 without plain_token/event_ts', { cause: parsed.error });
  return parsed.data;
}

/** The message events this bot answers; undefined for every other dispatch. */
export function parseQqMessageEvent(payload: QqPayload): QqMessageEvent | undefined {
  if (payload.op !== 0) return undefined;
  if (payload.t === 'C2C_MESSAGE_CREATE') {
    const parsed = c2cSchema.safeParse(payload.d);
    if (!parsed.success) throw new PayloadError('bad C2C_MESSAGE_CREATE', { cause: parsed.error });
    return { kind: 'c2c', message: parsed.data };
  }
  if (payload.t === 'GROUP_AT_MESSAGE_CREATE') {
    const parsed = groupSchema.safeParse(payload.d);
    if (!parsed.success) throw new PayloadError('bad GROUP_AT_MESSAGE_CREATE', { cause: parsed.error });
    return { kind: 'group', message: parsed.data };
  }
  return undefined;
}

function sentAt(timestamp: string): Date {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

/** QQ message event → the platform-neutral InboundMessage. d.id is the dedup key. */
export function decodeQqMessage(event: QqMessageEvent, payload: QqPayload): InboundMessage {
  const m = event.message;
  // group content keeps a leading space where the @bot mention was cut out (event docs)
  const text = m.content.trim();
  const firstAttachment = m.attachments?.[0];
  const isMedia = text.length === 0 && firstAttachment !== undefined;
  return {
    channel: 'qq',
    messageId: m.id,
    userId: event.kind === 'c2c' ? event.message.author.user_openid : event.message.author.member_openid,
    ...(event.kind === 'group' ? { groupId: event.message.group_openid } : {}),
    kind: isMedia ? 'media' : 'text',
    text,
    ...(isMedia ? { mediaType: mediaTypeOf(firstAttachment.content_type) } : {}),
    sentAt: sentAt(m.timestamp),
    raw: payload,
  };
}

function mediaTypeOf(contentType: string | undefined): string {
  if (contentType === undefined) return 'file';
  const major = contentType.split('/')[0] ?? '';
  if (major === 'image') return 'image';
  if (major === 'audio' || contentType === 'voice') return 'voice';
  if (major === 'video') return 'video';
  return 'file';
}
