import { stringify } from 'yaml';

export type PreviewRenderer = (key: string, content: unknown) => string;

export interface PreviewRenderers {
  wechat: PreviewRenderer;
  qq: PreviewRenderer;
}

/** WeChat's passive text reply is cut off past 2048 bytes, so the preview shows what survives. */
export const WECHAT_TEXT_LIMIT_BYTES = 2048;

export interface ChannelPreview {
  text: string;
  bytes: number;
  truncated: boolean;
}

/** Until the real renderers are wired in: a string as is, anything else as YAML. */
const plain: PreviewRenderer = (_key, content) => (typeof content === 'string' ? content : stringify(content));
export const fallbackRenderers: PreviewRenderers = { wechat: plain, qq: plain };

/** Cuts a string to at most maxBytes of UTF-8 without splitting a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--; // back off continuation bytes
  return buf.subarray(0, end).toString('utf8');
}

export function renderPreview(renderers: PreviewRenderers, key: string, content: unknown): { wechat: ChannelPreview; qq: ChannelPreview } {
  const wechatFull = renderers.wechat(key, content);
  const wechatText = cutToBytes(wechatFull, WECHAT_TEXT_LIMIT_BYTES);
  const qqText = renderers.qq(key, content);
  return {
    wechat: { text: wechatText, bytes: Buffer.byteLength(wechatFull), truncated: wechatText !== wechatFull },
    qq: { text: qqText, bytes: Buffer.byteLength(qqText), truncated: false },
  };
}
