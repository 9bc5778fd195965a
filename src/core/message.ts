/** Every channel the gateway speaks. */
export type ChannelId = 'wechat' | 'qq' | 'onebot' | 'telegram' | 'web' | 'wechaty';

/** A platform event that is not a message (subscribe, menu click …). */
export interface InboundEvent {
  /** platform event name, e.g. `subscribe`, `CLICK` */
  name: string;
  /** event key, e.g. the menu item's EventKey */
  key?: string;
}

/**
 * One message from a villager, normalised by a channel adapter.
 * Adapters fill this in; nothing downstream knows the protocol.
 */
export interface InboundMessage {
  channel: ChannelId;
  /** platform-unique id used for dedup (WeChat MsgId, or FromUserName+CreateTime for events) */
  messageId: string;
  /** the sender's id on that platform (WeChat OpenID, QQ openid …) */
  userId: string;
  /** a group/room id when the message came from a group */
  groupId?: string;
  kind: 'text' | 'event' | 'media';
  /** the text as typed (or recognised from voice); empty for events and media */
  text: string;
  event?: InboundEvent;
  /** media type for `kind: 'media'` (image, voice, video, location, link …) */
  mediaType?: string;
  /** when the platform says the message was sent */
  sentAt: Date;
  /** the untouched platform payload */
  raw: unknown;
}

/** What the bot says back: one or more text parts, sent in order. */
export interface Reply {
  parts: string[];
}

export function textReply(...parts: string[]): Reply {
  return { parts: parts.filter((p) => p.length > 0) };
}
