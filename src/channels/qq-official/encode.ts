import type { Reply } from '../../core/message.js';
import type { QqSendBody } from './types.js';

/** Where a passive reply goes: back to a C2C user or into the group the @-message came from. */
export type QqReplyTarget =
  | { kind: 'c2c'; openid: string; msgId: string }
  | { kind: 'group'; groupOpenid: string; msgId: string };

/** API path of the send endpoint for a target (api-v2 send-receive docs). */
export function qqSendPath(target: QqReplyTarget): string {
  return target.kind === 'c2c'
    ? `/v2/users/${encodeURIComponent(target.openid)}/messages`
    : `/v2/groups/${encodeURIComponent(target.groupOpenid)}/messages`;
}

/**
 * One text body per reply part. msg_seq must be unique per msg_id, so parts are numbered
 * on from `firstSeq`; reusing a seq on a transport retry makes the retry idempotent.
 */
export function encodeQqReply(target: QqReplyTarget, reply: Reply, firstSeq: number): QqSendBody[] {
  return reply.parts
    .filter((part) => part.trim().length > 0)
    .map((content, i) => ({ content, msg_type: 0, msg_id: target.msgId, msg_seq: firstSeq + i }));
}
