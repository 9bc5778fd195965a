import { z } from 'zod';
import type { GroupSender } from '../../core/group-chat.js';
import { PayloadError } from '../../core/errors.js';
import type { WecomBotMessage } from './types.js';

const encryptedSchema = z.object({ encrypt: z.string().min(1) });

const messageSchema = z.object({
  msgid: z.string().min(1),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(['single', 'group']).catch('group'),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
});

/** The `encrypt` field of a callback body; PayloadError when the body is not that JSON. */
export function parseEncryptedBody(raw: string): string {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new PayloadError('企业微信 callback body is not JSON', { cause });
  }
  const parsed = encryptedSchema.safeParse(json);
  if (!parsed.success) throw new PayloadError('企业微信 callback body has no encrypt field', { cause: parsed.error });
  return parsed.data.encrypt;
}

/** The decrypted callback; PayloadError when it is not a message the bot understands. */
export function parseBotMessage(plaintext: string): WecomBotMessage {
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch (cause) {
    throw new PayloadError('decrypted 企业微信 callback is not JSON', { cause });
  }
  const parsed = messageSchema.safeParse(json);
  if (!parsed.success) throw new PayloadError('unexpected 企业微信 callback', { cause: parsed.error });
  return parsed.data as WecomBotMessage;
}

/** "@机器人 接单 T…" → "接单 T…": the @-mention of the bot that starts a group message. */
export function stripBotMention(content: string): string {
  return content.replace(/^\s*@\S+\s*/u, '').trim();
}

/**
 * A text message as the staff room reads it; undefined for anything else (images, files, events).
 * The sender is known by the directory account (userid), which the roster must list.
 */
export function decodeBotMessage(msg: WecomBotMessage): { from: GroupSender; text: string } | undefined {
  const from: GroupSender = {
    id: `wecom:${msg.from.userid}`, handle: '', name: '', addressed: true, directoryId: msg.from.userid, messageId: `wecom:${msg.msgid}`,
  };
  return msg.msgtype === 'text' && msg.text ? { from, text: stripBotMention(msg.text.content) } : undefined;
}
