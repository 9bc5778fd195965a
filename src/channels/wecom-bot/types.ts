/**
 * Raw 企业微信 智能机器人 (AI bot, API mode) and 消息推送 (group webhook) payloads.
 * Callback: developer.work.weixin.qq.com/document/path/100719; replies: path/101031; webhook: path/91770.
 */

/** A decrypted message callback (text in a group where the bot was @-mentioned, or a single chat). */
export interface WecomBotMessage {
  msgid: string;
  aibotid?: string;
  chatid?: string;
  chattype: 'single' | 'group';
  from: { userid: string };
  response_url?: string;
  msgtype: string;
  text?: { content: string };
}

/** The encrypted body of a callback and of a passive reply. */
export interface WecomEncryptedBody {
  encrypt: string;
}

export interface WecomEncryptedReply {
  encrypt: string;
  msgsignature: string;
  timestamp: number;
  nonce: string;
}

/** A finished stream reply: the bot's answer shown under the member's message. */
export interface WecomStreamReply {
  msgtype: 'stream';
  stream: { id: string; finish: true; content: string };
}

/** A 消息推送 (webhook) post. `<@userid>` inside markdown content @-mentions a member. */
export interface WecomWebhookMarkdown {
  msgtype: 'markdown';
  markdown: { content: string };
}

/** The webhook's answer: errcode 0 = posted; 45009 = over the 20-a-minute limit. */
export interface WecomWebhookAnswer {
  errcode: number;
  errmsg?: string;
}
