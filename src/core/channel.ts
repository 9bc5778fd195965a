import type { ChannelId, InboundMessage, Reply } from './message.js';

/** The result of one turn as the pipeline hands it back to a channel. */
export interface TurnOutcome {
  reply: Reply;
  /** true when this message was seen before and the stored reply is repeated */
  duplicate: boolean;
}

/**
 * What a channel adapter may ask of the rest of the bot: run a turn with a deadline.
 * Adapters receive this function and know nothing else of intents, cases or templates.
 */
export type TurnHandler = (message: InboundMessage, opts: TurnOptions) => Promise<TurnOutcome>;

export interface TurnOptions {
  deadlineMs: number;
  /**
   * Set when a spooled message is processed after a database outage: a turn that its failed first
   * attempt left `processing` is taken over at once — once per key (see src/spool).
   */
  takeoverKey?: string;
}

/** Sends a message to a user outside a passive reply (async answers, staff replies, 回访). */
export interface PushSender {
  channel: ChannelId;
  push(userId: string, reply: Reply): Promise<void>;
}
