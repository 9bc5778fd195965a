/**
 * The staff room's view of its group chat. The interface lives in core/group-chat.ts so that channel
 * adapters (企业微信, OneBot, Telegram) implement it without knowing the staff room; the names here are
 * the staff room's own.
 */
export type {
  GroupSender as Sender,
  GroupMessageHandler as CommandHandler,
  GroupChat as StaffRoom,
  GroupMention as Mention,
} from '../core/group-chat.js';
export { StaffRoomUnavailableError, GroupPostError } from '../core/group-chat.js';
