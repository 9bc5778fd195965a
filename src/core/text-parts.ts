/** UTF-8 byte length of a string. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Splits text into a head of at most `maxBytes` UTF-8 bytes (whole code points, preferably at a
 * line break in its second half) and the tail.
 */
export function cutAtBytes(text: string, maxBytes: number): [string, string] {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const n = byteLength(ch);
    if (bytes + n > maxBytes) break;
    bytes += n;
    end += ch.length;
  }
  const newline = text.lastIndexOf('\n', end);
  const cut = newline > end / 2 ? newline : end;
  return [text.slice(0, cut), text.slice(cut).replace(/^\n+/, '')];
}

/** Cuts every part that is longer than `maxBytes` into several, in order, losing nothing. */
export function splitToBytes(parts: readonly string[], maxBytes: number): string[] {
  const out: string[] = [];
  for (const part of parts) {
    let rest = part;
    while (rest.length > 0) {
      if (byteLength(rest) <= maxBytes) {
        out.push(rest);
        break;
      }
      const [head, tail] = cutAtBytes(rest, maxBytes);
      out.push(head);
      rest = tail;
    }
  }
  return out;
}
