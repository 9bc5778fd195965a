import type { InboundMessage, Reply } from '../core/message.js';
import type { ClassificationResult, ConversationState } from '../pipeline/types.js';

/** What a handler sees of the turn. */
export interface DialogueContext {
  message: InboundMessage;
  /** normalised text of the message */
  text: string;
  classification?: ClassificationResult;
  conversation: ConversationState;
  /** a name or phone the villager gave before saying what the matter is ("先记个电话 159…"): an intake starts with it */
  carriedContact?: { name?: string; phone?: string };
}

/** What a handler returns: the reply and how the conversation's state changes. */
export interface DialogueResult {
  reply: Reply;
  /** new pending state; `null` clears it, undefined leaves it as it was */
  pending?: string | null;
  pendingData?: unknown;
  lastService?: string;
  /** the villager's data was just erased: do not write the conversation back (issue 13) */
  forgetConversation?: boolean;
}

export type IntentHandler = (ctx: DialogueContext) => Promise<DialogueResult>;

/** Handlers by route name: an intent id, `pending:<state>`, or a built-in route. */
export type HandlerTable = Record<string, IntentHandler>;

/**
 * What a clarifying question leaves pending (pendingData of 'clarify'): the intents offered, in the order
 * they were numbered, the words each was offered with, and the service the question was about.
 */
export interface ClarifyChoices { options: string[]; labels?: string[]; service?: string }
