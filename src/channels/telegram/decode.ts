import type { InboundMessage } from '../../core/message.js';
import type { Message, MessageEntity, Update, UserFromGetMe } from './types.js';

const MEDIA: Array<[keyof Message, string]> = [
  ['photo', 'image'], ['voice', 'voice'], ['audio', 'voice'], ['video', 'video'], ['video_note', 'video'],
  ['document', 'file'], ['location', 'location'], ['contact', 'contact'], ['sticker', 'image'],
];

function mediaTypeOf(message: Message): string | undefined {
  return MEDIA.find(([field]) => message[field] !== undefined)?.[1];
}

function entityText(text: string, e: MessageEntity): string {
  return text.slice(e.offset, e.offset + e.length); // offsets are UTF-16 code units, as JS strings index
}

/** Removes `@botname` mentions (and the @botname of `/cmd@botname`); true when one was there. */
export function stripMention(text: string, entities: MessageEntity[], username: string): { text: string; mentioned: boolean } {
  const me = `@${username}`.toLowerCase();
  let out = text;
  let mentioned = false;
  for (const e of [...entities].sort((a, b) => b.offset - a.offset)) {
    const piece = entityText(text, e);
    if (e.type === 'mention' && piece.toLowerCase() === me) {
      out = out.slice(0, e.offset) + out.slice(e.offset + e.length);
      mentioned = true;
    } else if (e.type === 'bot_command' && piece.toLowerCase().endsWith(me)) {
      out = out.slice(0, e.offset) + piece.slice(0, piece.length - me.length) + out.slice(e.offset + e.length);
      mentioned = true;
    }
  }
  return { text: out.trim(), mentioned };
}

/**
 * Telegram update → InboundMessage. Private chats always; in groups only messages that
 * @-mention the bot or reply to it. The dedup key is chat id + message id: update_id is
 * re-randomised after a week without updates, message ids are unique per chat for good.
 */
export function decodeTelegramUpdate(update: Update, me: UserFromGetMe): InboundMessage | undefined {
  const message = update.message;
  if (!message?.from || message.from.is_bot) return undefined;
  const isGroup = message.chat.type !== 'private';
  const rawText = message.text ?? message.caption ?? '';
  const stripped = stripMention(rawText, message.entities ?? message.caption_entities ?? [], me.username);
  const repliesToBot = message.reply_to_message?.from?.id === me.id;
  if (isGroup && !stripped.mentioned && !repliesToBot) return undefined;
  const mediaType = mediaTypeOf(message);
  const isMedia = stripped.text.length === 0 && mediaType !== undefined;
  if (stripped.text.length === 0 && !isMedia) return undefined;
  return {
    channel: 'telegram',
    messageId: `${message.chat.id}:${message.message_id}`,
    userId: String(message.from.id),
    ...(isGroup ? { groupId: String(message.chat.id) } : {}),
    kind: isMedia ? 'media' : 'text',
    text: stripped.text,
    ...(isMedia ? { mediaType } : {}),
    sentAt: new Date(message.date * 1000),
    raw: update,
  };
}
