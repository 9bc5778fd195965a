import { randomBytes } from 'node:crypto';
import { SignatureError } from '../../core/errors.js';
import { decodeAesKey, decryptMessage, encryptMessage, msgSignature, signaturesMatch } from '../wechat-official/crypto.js';
import type { WecomEncryptedReply } from './types.js';

/**
 * The 智能机器人 callback crypto: WXBizMsgCrypt (the Official Account's, reused), with ReceiveId "" for an
 * enterprise's own bot (developer.work.weixin.qq.com/document/path/101033).
 */
export const AIBOT_RECEIVE_ID = '';

export interface SignedQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

export class WecomBotCrypto {
  private readonly key: Buffer;

  constructor(private readonly token: string, encodingAesKey: string) {
    this.key = decodeAesKey(encodingAesKey);
  }

  /**
   * Checks msg_signature over `encrypted` and decrypts it. `receiveId` null = not checked: the URL
   * check's echostr is authenticated by the signature alone (WeCom's published vectors carry a CorpID there).
   */
  open(query: SignedQuery, encrypted: string, receiveId: string | null = AIBOT_RECEIVE_ID): string {
    const expected = msgSignature(this.token, query.timestamp, query.nonce, encrypted);
    if (!signaturesMatch(expected, query.msg_signature)) throw new SignatureError('msg_signature does not match');
    return decryptMessage(this.key, encrypted, receiveId ?? undefined).message;
  }

  /** The encrypted JSON reply `{encrypt, msgsignature, timestamp, nonce}`. */
  seal(plaintext: string, timestamp = String(Math.floor(Date.now() / 1000)), nonce = randomBytes(8).toString('hex')): WecomEncryptedReply {
    const encrypt = encryptMessage(this.key, plaintext, AIBOT_RECEIVE_ID);
    return { encrypt, msgsignature: msgSignature(this.token, timestamp, nonce, encrypt), timestamp: Number(timestamp), nonce };
  }
}
