/** Who wrote in the staff room. */
export interface Sender {
  /**
   * the sender's stable contact id on the platform (wechaty `talker.id`), which a nickname change does not
   * alter: pinned to the roster member's `chatId` on first use, then the only account that may act as them
   */
  id: string;
  /** the name the member shows in the group (group alias, else account name): matched to roster chatHandle until chatId is pinned */
  handle: string;
  /** the account's own name, the second guess for the roster */
  name: string;
  /** the message @-mentioned the bot (so an unknown command gets the usage line rather than silence) */
  addressed?: boolean;
}

/** Answers one message; undefined = say nothing (ordinary chat). */
export type CommandHandler = (from: Sender, text: string) => Promise<string | undefined>;

/**
 * The staff group chat, whatever carries it (Wechaty today; a QQ/OneBot or Telegram group later).
 * An implementation drops its own messages, duplicates (same message id) and the backlog from before
 * its login, and posts the handler's answer back into the room.
 */
export interface StaffRoom {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** posts into the room, @-mentioning the members with these chat handles */
  post(text: string, mentions?: string[]): Promise<void>;
  onCommand(handler: CommandHandler): void;
  /** false while the room cannot be posted to (e.g. not logged in yet): the scheduler then claims nothing */
  isReady?(): boolean;
}

/** The room could not be reached (not logged in, or no group with the configured topic). */
export class StaffRoomUnavailableError extends Error {
  override name = 'StaffRoomUnavailableError';
}
