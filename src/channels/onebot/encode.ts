import type { Reply } from '../../core/message.js';
import type { OneBotAction, QuickOperation } from './types.js';

/** Where an answer goes: a private chat or a group. */
export type OneBotTarget = { kind: 'private'; userId: string } | { kind: 'group'; groupId: string };

function asId(value: string): number | string {
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}

/**
 * Quick operation for the HTTP POST response. Replies are plain text (auto_escape), and in a
 * group the sender is @-mentioned so they see the answer is theirs (at_sender defaults to true).
 */
export function quickOperation(text: string, target: OneBotTarget): QuickOperation {
  return { reply: text, auto_escape: true, at_sender: target.kind === 'group' };
}

/** One API call per part: /send_private_msg or /send_group_msg. */
export function sendActions(target: OneBotTarget, parts: string[]): OneBotAction[] {
  return parts
    .filter((p) => p.trim().length > 0)
    .map((message): OneBotAction =>
      target.kind === 'private'
        ? { action: 'send_private_msg', params: { user_id: asId(target.userId), message, auto_escape: true } }
        : { action: 'send_group_msg', params: { group_id: asId(target.groupId), message, auto_escape: true } },
    );
}

/** The non-empty parts of a reply. */
export function replyParts(reply: Reply): string[] {
  return reply.parts.filter((p) => p.trim().length > 0);
}
