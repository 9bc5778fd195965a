import { GrammyError, type Api } from 'grammy';
import type { GroupMention } from '../../core/group-chat.js';
import { GroupPostError, PushedGroupChat } from '../../core/group-chat.js';
import { stripMention } from './decode.js';
import { TELEGRAM_TEXT_LIMIT } from './encode.js';
import type { Message, UserFromGetMe } from './types.js';

const SEEN_LIMIT = 2000;
/** Telegram user ids are pinned as `tg:<id>`, so they never clash with another platform's ids in the roster */
export const TELEGRAM_ID_PREFIX = 'tg:';

/**
 * A Telegram group as the staff room, on the bot the channel already runs: the group's messages are taken
 * out of the villagers' turns (bot.ts) and answered in a thread under the command; posts are HTML with
 * `tg://user?id=` mentions for members whose Telegram id is pinned.
 */
export class TelegramGroupChat extends PushedGroupChat {
  override readonly kind = 'telegram';
  private readonly seen = new Set<string>();

  /** `chatId`: STAFF_ROOM_TELEGRAM_CHAT */
  constructor(private readonly chatId: string, private readonly api: Api) {
    super();
  }

  owns(chatId: number): boolean {
    return String(chatId) === this.chatId;
  }

  /** A staff-group message: the room's answer (undefined for bots, repeats and ordinary chat). */
  async answerMessage(message: Message, me: UserFromGetMe): Promise<string | undefined> {
    const user = message.from;
    const messageId = `telegram:${message.chat.id}:${message.message_id}`;
    if (!user || user.is_bot || this.seen.has(messageId)) return undefined;
    this.seen.add(messageId);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    const stripped = stripMention(message.text ?? '', message.entities ?? [], me.username);
    const addressed = stripped.mentioned || message.reply_to_message?.from?.id === me.id;
    const handle = [user.first_name, user.last_name].filter(Boolean).join(' ');
    return this.handler({ id: `${TELEGRAM_ID_PREFIX}${user.id}`, handle, name: user.username ?? handle, addressed, messageId }, stripped.text);
  }

  override async post(text: string, mentions: GroupMention[] = []): Promise<void> {
    for (const chunk of chunks(postHtml(text, mentions))) {
      try {
        await this.api.sendMessage(this.chatId, chunk, { parse_mode: 'HTML' });
      } catch (err) {
        const retry = err instanceof GrammyError ? err.parameters.retry_after : undefined;
        throw new GroupPostError(`Telegram sendMessage failed${err instanceof GrammyError ? ` (${err.error_code})` : ''}`, retry !== undefined ? retry * 1000 : undefined);
      }
    }
  }
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Mentions as `tg://user?id=` links (pinned ids) or `@name` text, then the text, HTML-escaped. */
export function postHtml(text: string, mentions: readonly GroupMention[]): string {
  const head = mentions.map((m) => (m.chatId?.startsWith(TELEGRAM_ID_PREFIX)
    ? `<a href="tg://user?id=${m.chatId.slice(TELEGRAM_ID_PREFIX.length)}">${escapeHtml(m.handle || m.chatId)}</a>`
    : m.handle ? `@${escapeHtml(m.handle)}` : '')).filter(Boolean).join(' ');
  return head ? `${head}\n${escapeHtml(text)}` : escapeHtml(text);
}

/** Splits at line ends to stay within Telegram's 4096 characters. */
function chunks(html: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of html.split('\n')) {
    const next = current ? `${current}\n${line}` : line;
    if (current && next.length > TELEGRAM_TEXT_LIMIT) {
      out.push(current);
      current = line;
    } else current = next;
  }
  if (current) out.push(current.slice(0, TELEGRAM_TEXT_LIMIT));
  return out;
}
