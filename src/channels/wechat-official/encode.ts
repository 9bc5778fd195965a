import { cutAtBytes } from '../../core/text-parts.js';
import type { Reply } from '../../core/message.js';
import { encryptMessage, msgSignature } from './crypto.js';
import type { EncryptedEnvelope, PassiveTextReply } from './types.js';
import { cdata } from './xml.js';

/**
 * Reply → passive reply XML. WeChat shows at most about 2048 bytes of a passive text reply
 * (third-party observation, github.com/MamaShip/Observer/issues/77; not in the docs), so longer
 * replies are cut and the rest handed back for the customer-service push API.
 */
export const PASSIVE_REPLY_MAX_BYTES = 2048;
const PART_SEPARATOR = '\n\n';

/** The passive text reply XML; CreateTime is in seconds. */
export function passiveTextXml(r: PassiveTextReply): string {
  return (
    `<xml><ToUserName>${cdata(r.toUser)}</ToUserName><FromUserName>${cdata(r.fromUser)}</FromUserName>` +
    `<CreateTime>${Math.floor(r.createTime)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content>${cdata(r.content)}</Content></xml>`
  );
}

/** The encrypted reply envelope, in the exact shape WeChat's own samples produce. */
export function encryptedEnvelopeXml(e: EncryptedEnvelope): string {
  return (
    `<xml>\n<Encrypt>${cdata(e.encrypt)}</Encrypt>\n<MsgSignature>${cdata(e.msgSignature)}</MsgSignature>\n` +
    `<TimeStamp>${e.timestamp}</TimeStamp>\n<Nonce>${cdata(e.nonce)}</Nonce>\n</xml>`
  );
}

export interface PackedReply {
  /** what goes into the passive reply's Content */
  first: string;
  /** what did not fit, to be pushed afterwards in order */
  rest: string[];
}

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Joins parts with a blank line while the result stays within `maxBytes`; returns the leftovers. */
export function packParts(parts: string[], maxBytes = PASSIVE_REPLY_MAX_BYTES): PackedReply {
  const queue = parts.filter((p) => p.length > 0);
  let first = '';
  while (queue.length > 0) {
    const next = queue[0] ?? '';
    const candidate = first === '' ? next : `${first}${PART_SEPARATOR}${next}`;
    if (byteLength(candidate) <= maxBytes) {
      first = candidate;
      queue.shift();
      continue;
    }
    if (first === '') {
      // a single part over the cap: cut it, preferably at a line break
      const [head, tail] = cutAtBytes(next, maxBytes);
      first = head;
      queue[0] = tail;
    }
    break;
  }
  return { first, rest: queue };
}

export { cutAtBytes };

export interface EncodedReply {
  /** passive reply XML, or undefined when there is nothing to say (answer `success`) */
  xml: string | undefined;
  overflow: string[];
}

/** Builds the passive reply to an inbound message: user fields swapped, CreateTime in seconds. */
export function encodeReply(
  reply: Reply,
  inbound: { userId: string; accountId: string },
  nowMs: number,
  maxBytes = PASSIVE_REPLY_MAX_BYTES,
): EncodedReply {
  const { first, rest } = packParts(reply.parts, maxBytes);
  if (first === '') return { xml: undefined, overflow: rest };
  const xml = passiveTextXml({
    toUser: inbound.userId,
    fromUser: inbound.accountId,
    createTime: Math.floor(nowMs / 1000),
    content: first,
  });
  return { xml, overflow: rest };
}

export interface ReplySealing {
  token: string;
  key: Buffer;
  /** the AppID, written into the ciphertext as its receiveId */
  receiveId: string;
  /** seconds, as a decimal string */
  timestamp: string;
  nonce: string;
  /** 16 bytes; only tests pass one, to reproduce fixed-random vectors */
  random?: Buffer;
}

/** Encrypts a reply XML and wraps it in the signed envelope safe mode requires. */
export function sealReply(xml: string, s: ReplySealing): string {
  const encrypt = encryptMessage(s.key, xml, s.receiveId, s.random);
  const signature = msgSignature(s.token, s.timestamp, s.nonce, encrypt);
  return encryptedEnvelopeXml({ encrypt, msgSignature: signature, timestamp: s.timestamp, nonce: s.nonce });
}
