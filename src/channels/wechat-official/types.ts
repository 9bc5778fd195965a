/**
 * Raw WeChat Official Account (公众号) callback shapes, as they appear in the XML.
 * Field names are case-sensitive as WeChat sends them; `MsgID` is folded into `MsgId` by xml.ts.
 * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 */

/** Top-level `<xml>` children: CDATA/text values stay strings; nested elements stay objects. */
export type WechatFields = Record<string, unknown>;

/** Message types WeChat pushes; anything else is still accepted and treated as media. */
export type WechatMsgType = 'text' | 'image' | 'voice' | 'video' | 'shortvideo' | 'location' | 'link' | 'file' | 'event';

/** Query parameters on every POST (and GET) WeChat sends to the callback URL. */
export interface WechatQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  openid?: string;
  /** `aes` for compatible/safe mode; `raw` or absent for plaintext */
  encrypt_type?: string;
  msg_signature?: string;
}

/** The encrypted reply envelope (safe/compatible mode). */
export interface EncryptedEnvelope {
  encrypt: string;
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

/** A passive text reply before it becomes XML. */
export interface PassiveTextReply {
  /** the user's OpenID: the inbound FromUserName */
  toUser: string;
  /** the account's original id (gh_…): the inbound ToUserName */
  fromUser: string;
  /** seconds since the epoch, not milliseconds */
  createTime: number;
  content: string;
}
