/**
 * Raw OneBot v11 types (botuniverse/onebot-11; NapCat, Lagrange.OneBot, LLOneBot).
 * IDs are numbers in the spec but strings in some implementations: read them with String().
 */
export interface Segment {
  type: string;
  data: Record<string, string>;
}

/** `message` comes as a CQ-code string or as a segment array (NapCat defaults to array). */
export type OneBotMessage = string | Segment[];

export interface OneBotMessageEvent {
  time: number;
  self_id: number | string;
  post_type: 'message';
  message_type: 'private' | 'group';
  sub_type?: string;
  message_id: number | string;
  user_id: number | string;
  group_id?: number | string;
  message: OneBotMessage;
  raw_message?: string;
  sender?: { nickname?: string; card?: string; role?: string };
}

/** Any event; only `post_type: 'message'` is answered, the rest (meta_event, notice, request) are ignored. */
export interface OneBotEvent {
  time?: number;
  self_id?: number | string;
  post_type: string;
  [field: string]: unknown;
}

/** Quick-operation response to an HTTP POST message event. at_sender defaults to true in groups. */
export interface QuickOperation {
  reply: string;
  auto_escape: boolean;
  at_sender: boolean;
}

/** An API call, as an HTTP path (/send_private_msg) or as a WebSocket action frame. */
export type OneBotAction =
  | { action: 'send_private_msg'; params: { user_id: number | string; message: string; auto_escape: true } }
  | { action: 'send_group_msg'; params: { group_id: number | string; message: string; auto_escape: true } }
  /** a post with @-mentions: a segment array (`at` segments), which needs no escaping */
  | { action: 'send_group_msg'; params: { group_id: number | string; message: Segment[] } };

/** The API's reply envelope: `{status:'ok'|'async'|'failed', retcode, data, echo?}` */
export interface OneBotApiResponse {
  status: string;
  retcode: number;
  data?: unknown;
  echo?: unknown;
}
