import type { OneBotMessage, Segment } from './types.js';

/**
 * CQ codes (onebot-11 message/string.md): plain text escapes & [ ] and parameter values also
 * escape the comma. A code is `[CQ:type,key=value,…]`; each parameter splits on its first `=`.
 */
export function escapeCqText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('[', '&#91;').replaceAll(']', '&#93;');
}

export function escapeCqParam(value: string): string {
  return escapeCqText(value).replaceAll(',', '&#44;');
}

export function unescapeCq(text: string): string {
  return text.replaceAll('&#44;', ',').replaceAll('&#91;', '[').replaceAll('&#93;', ']').replaceAll('&amp;', '&');
}

function parseCode(body: string): Segment {
  const [type = '', ...params] = body.split(',');
  const data: Record<string, string> = {};
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    data[param.slice(0, eq)] = unescapeCq(param.slice(eq + 1));
  }
  return { type, data };
}

/** CQ-code string → segments; text runs become `text` segments with their escapes undone. */
export function parseCqString(message: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /\[CQ:([^\]]*)\]/g;
  let last = 0;
  for (const match of message.matchAll(pattern)) {
    if (match.index > last) segments.push({ type: 'text', data: { text: unescapeCq(message.slice(last, match.index)) } });
    segments.push(parseCode(match[1] ?? ''));
    last = match.index + match[0].length;
  }
  if (last < message.length) segments.push({ type: 'text', data: { text: unescapeCq(message.slice(last)) } });
  return segments;
}

/** A segment as it arrives: `data` may be missing and its values may be numbers. */
export type LooseSegment = { type: string; data?: Record<string, unknown> | null };

/** Either message shape → segments (array data values are read as strings). */
export function toSegments(message: OneBotMessage | LooseSegment[]): Segment[] {
  if (typeof message === 'string') return parseCqString(message);
  return message.map((s) => ({ type: s.type, data: Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, String(v)])) }));
}

/** Segments → CQ-code string (the inverse of parseCqString). */
export function toCqString(segments: Segment[]): string {
  return segments
    .map((s) => {
      if (s.type === 'text') return escapeCqText(s.data.text ?? '');
      const params = Object.entries(s.data).map(([k, v]) => `,${k}=${escapeCqParam(v)}`).join('');
      return `[CQ:${s.type}${params}]`;
    })
    .join('');
}
