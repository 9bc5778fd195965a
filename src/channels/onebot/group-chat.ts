import type { GroupMention } from '../../core/group-chat.js';
import { GroupPostError, PushedGroupChat, StaffRoomUnavailableError } from '../../core/group-chat.js';
import type { OneBotHttpApi } from './api.js';
import { toSegments } from './cq-code.js';
import type { OneBotAnswer } from './turn.js';
import type { OneBotAction, OneBotMessageEvent, Segment } from './types.js';
import type { OneBotWsServer } from './ws.js';

const SEEN_LIMIT = 2000;
/** QQ account ids are pinned as `qq:<number>`, so they never clash with another platform's ids in the roster */
export const QQ_ID_PREFIX = 'qq:';

export interface OneBotGroupChatOptions {
  /** STAFF_ROOM_ONEBOT_GROUP */
  groupId: string;
  api: OneBotHttpApi | undefined;
}

/**
 * A QQ group as the staff room, over the OneBot connection the bot already has: the group's messages are
 * taken out of the villagers' turns (turn.ts), answered by the staff room (quick reply @-ing the sender),
 * and posts go out with `send_group_msg` (`at` segments for members whose QQ number is pinned).
 */
export class OneBotGroupChat extends PushedGroupChat {
  override readonly kind = 'onebot';
  private readonly seen = new Set<string>();
  /** the reverse WebSocket, once the channel has built it (it needs the turn deps that hold this room) */
  ws: OneBotWsServer | undefined;

  constructor(private readonly opts: OneBotGroupChatOptions) {
    super();
  }

  isReady(): boolean {
    return this.opts.api !== undefined || (this.ws?.connectedSelfIds().length ?? 0) > 0;
  }

  /** Whether this event is a message in the staff group. */
  owns(event: OneBotMessageEvent): boolean {
    return event.message_type === 'group' && String(event.group_id) === this.opts.groupId;
  }

  /** A staff-group message: the room's answer (undefined for own messages, repeats and ordinary chat). */
  async answerEvent(event: OneBotMessageEvent): Promise<OneBotAnswer | undefined> {
    const selfId = String(event.self_id);
    const userId = String(event.user_id);
    const messageId = `onebot:${selfId}:${String(event.message_id)}`;
    if (userId === selfId || this.seen.has(messageId)) return undefined;
    this.seen.add(messageId);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    const segments = toSegments(event.message);
    const addressed = segments.some((s) => s.type === 'at' && s.data.qq === selfId);
    const text = segments.filter((s) => s.type === 'text').map((s) => s.data.text ?? '').join('').trim();
    const name = event.sender?.nickname ?? '';
    const from = { id: `${QQ_ID_PREFIX}${userId}`, handle: event.sender?.card || name, name, addressed, messageId };
    const answer = await this.handler(from, text);
    return answer ? { target: { kind: 'group', groupId: this.opts.groupId }, parts: [answer] } : undefined;
  }

  override async post(text: string, mentions: GroupMention[] = []): Promise<void> {
    const action: OneBotAction = { action: 'send_group_msg', params: { group_id: asId(this.opts.groupId), message: postSegments(text, mentions) } };
    if (this.opts.api) {
      try {
        await this.opts.api.call(action);
      } catch (err) {
        throw new GroupPostError('OneBot send_group_msg failed', undefined, { cause: err });
      }
      return;
    }
    if (!this.ws?.send(action)) throw new StaffRoomUnavailableError('OneBot: no HTTP API configured and no WebSocket connected');
  }
}

function asId(value: string): number | string {
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}

/** `at` segments for pinned QQ numbers, `@name` text for the others, then the text. */
export function postSegments(text: string, mentions: readonly GroupMention[]): Segment[] {
  const segments: Segment[] = [];
  for (const m of mentions) {
    if (m.chatId?.startsWith(QQ_ID_PREFIX)) segments.push({ type: 'at', data: { qq: m.chatId.slice(QQ_ID_PREFIX.length) } }, { type: 'text', data: { text: ' ' } });
    else if (m.handle) segments.push({ type: 'text', data: { text: `@${m.handle} ` } });
  }
  segments.push({ type: 'text', data: { text } });
  return segments;
}
