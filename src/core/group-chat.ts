/**
 * A group chat on some platform (企业微信 智能机器人 + 消息推送, a QQ group over OneBot, a Telegram group,
 * a WeChat group through Wechaty), as the staff room uses it: messages in, posts out. The channel that
 * implements it knows only its protocol; the staff room knows only this interface.
 */

/** Who wrote in the group. */
export interface GroupSender {
  /**
   * the sender's stable account id on the platform, prefixed by the platform where ids could clash
   * (`qq:12345`, `tg:67890`; wechaty's `talker.id` as it is): pinned to a roster member's `chatId`
   */
  id: string;
  /** the name the member shows in the group: matched to the roster's chatHandle until the id is pinned */
  handle: string;
  /** the account's own name, the second guess for the roster */
  name: string;
  /** the message @-mentioned the bot (so an unknown command gets the usage line rather than silence) */
  addressed?: boolean;
  /**
   * an account from the organisation's own directory (企业微信 userid): the roster must list it
   * (`wecomUserId`); no nickname guessing, no pinning on first use
   */
  directoryId?: string;
  /** the platform's id of this message: a message delivered twice is answered once */
  messageId?: string;
}

/** Answers one message; undefined = say nothing (ordinary chat). */
export type GroupMessageHandler = (from: GroupSender, text: string) => Promise<string | undefined>;

/** A member to @-mention in a post; each platform uses the id it understands, else writes `@handle`. */
export interface GroupMention {
  handle: string;
  /** the pinned account id (`GroupSender.id`) */
  chatId?: string;
  /** the directory id (`GroupSender.directoryId`, 企业微信 userid) */
  directoryId?: string;
}

/** How much a platform lets a bot post: the staff room's queue merges posts to stay within it. */
export interface GroupPostLimits {
  /** posts per minute (企业微信 消息推送: 20) */
  perMinute: number;
  /** the largest post in UTF-8 bytes (markdown: 4096) */
  maxBytes: number;
}

export interface GroupChat {
  /** which platform carries the group ('wecom', 'onebot', 'telegram', 'wechaty'): shown in the log and /healthz */
  readonly kind: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** posts into the group, @-mentioning these members; throws (GroupPostError) when the platform refused it */
  post(text: string, mentions?: GroupMention[]): Promise<void>;
  onCommand(handler: GroupMessageHandler): void;
  /** false while the group cannot be posted to (e.g. not logged in yet) */
  isReady?(): boolean;
  limits?: GroupPostLimits;
}

/** The group could not be reached (not logged in, no group with the configured topic, no connection). */
export class StaffRoomUnavailableError extends Error {
  override name = 'StaffRoomUnavailableError';
}

/** The platform refused a post (down, rate-limited …); `retryAfterMs` when it said how long to wait. */
export class GroupPostError extends Error {
  override name = 'GroupPostError';
  constructor(message: string, readonly retryAfterMs?: number, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * A group chat the platform pushes into (a webhook or the channel's own connection): nothing to start or
 * stop, and the staff room's handler is kept for the channel's route to call.
 */
export abstract class PushedGroupChat implements GroupChat {
  abstract readonly kind: string;
  protected handler: GroupMessageHandler = () => Promise.resolve(undefined);

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  onCommand(handler: GroupMessageHandler): void {
    this.handler = handler;
  }

  abstract post(text: string, mentions?: GroupMention[]): Promise<void>;
}
