import { randomBytes, randomInt } from 'node:crypto';
import {
  decodeAesKey,
  decryptMessage,
  encryptMessage,
  msgSignature,
  sha1Signature,
  signaturesMatch,
} from '../../src/channels/wechat-official/crypto.js';
import { cdata, parseWechatXml, requireField, textField } from '../../src/channels/wechat-official/xml.js';

/**
 * Plays WeChat's servers in tests: builds signed (and, in compatible/safe mode, encrypted)
 * callback requests for an Official Account, and reads the passive replies back.
 *
 *   const wx = new WechatTestClient({ token, appId, aesKey, mode: 'safe' });
 *   const { path, body } = wx.buildRequest(wx.textXml('openid-1', '你好', '1001'));
 *   const res = await fetch(base + path, { method: 'POST', body });
 *   wx.parseReply(await res.text())  // { content, toUser, fromUser, createTime, encrypted }
 */
export type WechatMode = 'plaintext' | 'compatible' | 'safe';

export interface WechatTestClientOptions {
  token: string;
  /** the account's AppID: receiveId of every ciphertext (compatible/safe mode) */
  appId?: string;
  /** the 43-character EncodingAESKey (compatible/safe mode) */
  aesKey?: string;
  mode?: WechatMode;
  /** the account's original id, sent as ToUserName */
  accountId?: string;
  /** the clock used for timestamps and CreateTime (ms) */
  now?: () => number;
  /** the callback path on the server under test */
  path?: string;
}

export interface BuildOptions {
  /** send a wrong `signature` */
  badSignature?: boolean;
  /** send a wrong `msg_signature` (compatible/safe mode) */
  badMsgSignature?: boolean;
  /** override the query timestamp (seconds), e.g. to test a stale one; signatures still match it */
  timestamp?: number | string;
  nonce?: string;
  /** encrypt with this receiveId instead of the AppID */
  receiveId?: string;
}

export interface WechatRequest {
  /** path with query string, e.g. `/wechat?signature=…` */
  path: string;
  body: string;
  /** the query parameters, for assertions */
  query: Record<string, string>;
}

export interface ParsedReply {
  msgType: string;
  content: string;
  toUser: string;
  fromUser: string;
  /** seconds, as WeChat expects */
  createTime: number;
  /** true when it came in the signed, encrypted envelope */
  encrypted: boolean;
  /** the reply XML (decrypted when it was encrypted) */
  xml: string;
}

const BAD = '0000000000000000000000000000000000000000';

export class WechatTestClient {
  readonly mode: WechatMode;
  readonly accountId: string;
  private readonly key: Buffer | undefined;
  private readonly now: () => number;
  private readonly path: string;

  constructor(private readonly opts: WechatTestClientOptions) {
    this.mode = opts.mode ?? 'plaintext';
    this.accountId = opts.accountId ?? 'gh_test_account';
    this.now = opts.now ?? Date.now;
    this.path = opts.path ?? '/wechat';
    this.key = opts.aesKey === undefined ? undefined : decodeAesKey(opts.aesKey);
    if (this.mode !== 'plaintext' && (this.key === undefined || opts.appId === undefined)) {
      throw new Error(`${this.mode} mode needs appId and aesKey`);
    }
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private head(from: string, msgType: string, createTime?: number): string {
    return (
      `<xml><ToUserName>${cdata(this.accountId)}</ToUserName>\n<FromUserName>${cdata(from)}</FromUserName>\n` +
      `<CreateTime>${createTime ?? this.seconds()}</CreateTime>\n<MsgType>${cdata(msgType)}</MsgType>\n`
    );
  }

  textXml(from: string, content: string, msgId: string, createTime?: number): string {
    return `${this.head(from, 'text', createTime)}<Content>${cdata(content)}</Content>\n<MsgId>${msgId}</MsgId>\n</xml>`;
  }

  /** subscribe / unsubscribe / CLICK / SCAN / VIEW … */
  eventXml(from: string, event: string, eventKey?: string, createTime?: number): string {
    const key = eventKey === undefined ? '' : `<EventKey>${cdata(eventKey)}</EventKey>\n`;
    return `${this.head(from, 'event', createTime)}<Event>${cdata(event)}</Event>\n${key}</xml>`;
  }

  /** voice; leave `recognition` undefined to omit the element, '' to send it empty */
  voiceXml(from: string, mediaId: string, msgId: string, recognition?: string): string {
    const rec = recognition === undefined ? '' : `<Recognition>${cdata(recognition)}</Recognition>\n`;
    return `${this.head(from, 'voice')}<MediaId>${cdata(mediaId)}</MediaId>\n<Format>${cdata('amr')}</Format>\n${rec}<MsgId>${msgId}</MsgId>\n</xml>`;
  }

  imageXml(from: string, picUrl: string, mediaId: string, msgId: string): string {
    return `${this.head(from, 'image')}<PicUrl>${cdata(picUrl)}</PicUrl>\n<MediaId>${cdata(mediaId)}</MediaId>\n<MsgId>${msgId}</MsgId>\n</xml>`;
  }

  /** The URL check WeChat sends when the callback address is saved (GET). */
  verifyUrlPath(echostr: string, o: BuildOptions = {}): string {
    const timestamp = String(o.timestamp ?? this.seconds());
    const nonce = o.nonce ?? String(randomInt(100_000_000, 1_000_000_000));
    const signature = o.badSignature ? BAD : sha1Signature(this.opts.token, timestamp, nonce);
    return `${this.path}?${new URLSearchParams({ signature, echostr, timestamp, nonce }).toString()}`;
  }

  /** A POST as WeChat sends it in this client's mode; `xml` is the plaintext message. */
  buildRequest(xml: string, o: BuildOptions = {}): WechatRequest {
    const timestamp = String(o.timestamp ?? this.seconds());
    const nonce = o.nonce ?? String(randomInt(100_000_000, 1_000_000_000));
    const fields = parseWechatXml(xml);
    const query: Record<string, string> = {
      signature: o.badSignature ? BAD : sha1Signature(this.opts.token, timestamp, nonce),
      timestamp,
      nonce,
      openid: textField(fields, 'FromUserName') ?? '',
    };
    let body = xml;
    if (this.mode !== 'plaintext') {
      const encrypt = encryptMessage(this.requireKey(), xml, o.receiveId ?? this.opts.appId ?? '', randomBytes(16));
      query.encrypt_type = 'aes';
      query.msg_signature = o.badMsgSignature ? BAD : msgSignature(this.opts.token, timestamp, nonce, encrypt);
      body =
        this.mode === 'safe'
          ? `<xml>\n<ToUserName>${cdata(this.accountId)}</ToUserName>\n<Encrypt>${cdata(encrypt)}</Encrypt>\n</xml>`
          : xml.replace(/<\/xml>\s*$/, `<Encrypt>${cdata(encrypt)}</Encrypt>\n</xml>`);
    }
    return { path: `${this.path}?${new URLSearchParams(query).toString()}`, body, query };
  }

  /**
   * Reads a passive reply; undefined for WeChat's "nothing to say" answers (`success` or empty).
   * Encrypted replies are checked (msg_signature, receiveId) before they are decrypted.
   */
  parseReply(body: string): ParsedReply | undefined {
    if (body === '' || body === 'success') return undefined;
    let fields = parseWechatXml(body);
    let xml = body;
    const encrypt = textField(fields, 'Encrypt');
    if (encrypt !== undefined) {
      const ts = requireField(fields, 'TimeStamp');
      const expected = msgSignature(this.opts.token, ts, requireField(fields, 'Nonce'), encrypt);
      if (!signaturesMatch(expected, requireField(fields, 'MsgSignature'))) throw new Error('reply MsgSignature does not verify');
      xml = decryptMessage(this.requireKey(), encrypt, this.opts.appId).message;
      fields = parseWechatXml(xml);
    }
    return {
      msgType: requireField(fields, 'MsgType'),
      content: textField(fields, 'Content') ?? '',
      toUser: requireField(fields, 'ToUserName'),
      fromUser: requireField(fields, 'FromUserName'),
      createTime: Number(requireField(fields, 'CreateTime')),
      encrypted: encrypt !== undefined,
      xml,
    };
  }

  private requireKey(): Buffer {
    if (this.key === undefined) throw new Error('this client has no aesKey');
    return this.key;
  }
}
