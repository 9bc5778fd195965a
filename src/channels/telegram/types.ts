/**
 * Raw Telegram Bot API types, as grammY publishes them (core.telegram.org/bots/api).
 * Re-exported so the rest of the folder names them from one place.
 */
export type { Message, Update, UserFromGetMe, MessageEntity } from 'grammy/types';
