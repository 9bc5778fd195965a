import type { TurnOutcome } from '../../core/channel.js';
import type { WebChatResponse } from './types.js';

export function encodeWebReply(outcome: TurnOutcome): WebChatResponse {
  return { replies: outcome.reply.parts, duplicate: outcome.duplicate };
}
