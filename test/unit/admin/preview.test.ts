import { describe, expect, it } from 'vitest';
import { cutToBytes, fallbackRenderers, renderPreview, WECHAT_TEXT_LIMIT_BYTES } from '../../../src/admin/preview.js';

describe('preview', () => {
  it('cuts UTF-8 text at a byte limit without breaking a character', () => {
    expect(cutToBytes('低保abc', 4)).toBe('低'); // 3 bytes + half a character dropped
    expect(cutToBytes('abc', 10)).toBe('abc');
    const cut = cutToBytes('字'.repeat(1000), WECHAT_TEXT_LIMIT_BYTES);
    expect(Buffer.byteLength(cut)).toBe(2046);
    expect(cut).not.toContain('\uFFFD');
  });

  it('renders both channels; the fallback shows strings as is and objects as YAML', () => {
    const r = renderPreview(fallbackRenderers, 'k', { text: '你好' });
    expect(r.wechat).toEqual({ text: 'text: 你好\n', bytes: 13, truncated: false });
    expect(renderPreview(fallbackRenderers, 'k', '原文').qq.text).toBe('原文');
  });
});
