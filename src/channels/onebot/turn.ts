import type { TurnHandler } from '../../core/channel.js';
import type { Logger } from '../../logger.js';
import { asMessageEvent, decodeOneBotMessage } from './decode.js';
import { replyParts, type OneBotTarget } from './encode.js';
import type { OneBotGroupChat } from './group-chat.js';
import type { OneBotEvent } from './types.js';

export interface OneBotTurnDeps {
  handleTurn: TurnHandler;
  /** the staff group (STAFF_ROOM_ONEBOT_GROUP): its messages go to the staff room, not to the villagers' pipeline */
  staffGroup?: OneBotGroupChat;
  logger: Logger;
  deadlineMs: number;
}

/** What to send back for one event: the parts (empty when nothing is due) and where. */
export interface OneBotAnswer {
  target: OneBotTarget;
  parts: string[];
}

/**
 * Runs the turn for a message event. Undefined for events that need no answer:
 * non-messages, group messages without an @ to the bot, and duplicates already answered.
 */
export async function answerOneBotEvent(event: OneBotEvent, deps: OneBotTurnDeps): Promise<OneBotAnswer | undefined> {
  const message = asMessageEvent(event);
  if (!message) return undefined;
  if (deps.staffGroup?.owns(message)) return deps.staffGroup.answerEvent(message);
  const inbound = decodeOneBotMessage(message);
  if (!inbound) return undefined;
  const outcome = await deps.handleTurn(inbound, { deadlineMs: deps.deadlineMs });
  if (outcome.duplicate) {
    deps.logger.debug({ channel: 'onebot', messageId: inbound.messageId }, 'duplicate OneBot message: nothing sent again');
    return undefined;
  }
  const target: OneBotTarget = inbound.groupId !== undefined ? { kind: 'group', groupId: inbound.groupId } : { kind: 'private', userId: inbound.userId };
  const parts = replyParts(outcome.reply);
  return parts.length > 0 ? { target, parts } : undefined;
}
