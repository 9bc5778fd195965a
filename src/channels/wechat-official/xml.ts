import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PayloadError } from '../../core/errors.js';
import type { WechatFields } from './types.js';

/**
 * The XML parser faces unauthenticated input (the envelope must be parsed before msg_signature
 * can be checked), so: no DTDs at all, no entity processing, every value stays a string.
 * CDATA is kept verbatim even with trimValues (checked in xml.test.ts); trimming only drops the
 * whitespace between elements.
 */
const parser = new XMLParser({
  processEntities: false,
  parseTagValue: false,
  ignoreAttributes: true,
  trimValues: true,
});

/** A DOCTYPE carries entity declarations (XXE, billion laughs): WeChat never sends one. */
const FORBIDDEN = /<!DOCTYPE|<!ENTITY/i;

/** Parses a WeChat `<xml>…</xml>` document into its top-level fields; throws PayloadError. */
export function parseWechatXml(body: string): WechatFields {
  if (FORBIDDEN.test(body)) throw new PayloadError('XML with DOCTYPE/ENTITY declarations refused');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new PayloadError(`malformed XML: ${valid.err.msg}`);
  let doc: unknown;
  try {
    doc = parser.parse(body);
  } catch (err) {
    throw new PayloadError('XML could not be parsed', { cause: err });
  }
  const root = (doc as Record<string, unknown>).xml;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new PayloadError('expected a single <xml> root element');
  }
  const fields: WechatFields = { ...(root as WechatFields) };
  // the docs spell it both ways: https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
  if (fields.MsgId === undefined && fields.MsgID !== undefined) fields.MsgId = fields.MsgID;
  return fields;
}

/** A top-level field as a string, or undefined when absent or not a plain value (e.g. repeated). */
export function textField(fields: WechatFields, name: string): string | undefined {
  const v = fields[name];
  return typeof v === 'string' ? v : undefined;
}

/** A required top-level string field; throws PayloadError when missing. */
export function requireField(fields: WechatFields, name: string): string {
  const v = textField(fields, name);
  if (v === undefined) throw new PayloadError(`missing <${name}>`);
  return v;
}

/** An identifier WeChat always fills (OpenID, MsgId …): at most 128 visible characters, no spaces. */
const IDENTIFIER = /^[\x21-\x7e]{1,128}$/;

/** A required identifier field; throws PayloadError when missing, empty or not a plain token. */
export function requireId(fields: WechatFields, name: string): string {
  const v = requireField(fields, name);
  if (!IDENTIFIER.test(v)) throw new PayloadError(v === '' ? `empty <${name}>` : `malformed <${name}>`);
  return v;
}

/** Wraps text in CDATA; a `]]>` inside is split across two sections so it cannot close early. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
