/**
 * Raw QQ official bot webhook payloads (bot.q.qq.com/wiki, tencent-connect/bot-docs).
 * Opcodes: 0 dispatch, 1 heartbeat, 12 callback ACK (ours), 13 URL validation.
 */
export interface QqPayload {
  /** event id (used as event_id for event-triggered passive sends) */
  id?: string;
  op: number;
  d: unknown;
  s?: number;
  t?: string;
}

export interface QqValidationData {
  plain_token: string;
  event_ts: string;
}

export interface QqAttachment {
  content_type?: string;
  filename?: string;
  url?: string;
}

/** d of C2C_MESSAGE_CREATE */
export interface QqC2cMessage {
  id: string;
  content: string;
  timestamp: string;
  author: { user_openid: string };
  attachments?: QqAttachment[];
}

/** d of GROUP_AT_MESSAGE_CREATE; content starts with a space where the @bot was */
export interface QqGroupMessage {
  id: string;
  content: string;
  timestamp: string;
  group_openid: string;
  author: { member_openid: string };
  attachments?: QqAttachment[];
}

/** Body of POST /v2/users/{openid}/messages and /v2/groups/{group_openid}/messages */
export interface QqSendBody {
  content: string;
  msg_type: 0;
  msg_id: string;
  msg_seq: number;
}

/** Response of POST {auth}/app/getAppAccessToken; expires_in is a string in the docs */
export interface QqTokenResponse {
  access_token: string;
  expires_in: string | number;
}
