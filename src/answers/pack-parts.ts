/** Most text channels cap a message near 2048 UTF-8 bytes (WeChat OA, QQ bot); 2000 leaves room. */
export const MAX_PART_BYTES = 2000;

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Cuts one over-long unit at character boundaries; only an item larger than a whole message gets here. */
function cutUnit(unit: string, budget: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  for (const ch of unit) {
    if (utf8Bytes(cur + ch) > budget) {
      pieces.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

/**
 * Packs units (lines, or a section title with its first line) into message parts of at most `maxBytes`,
 * breaking only between units, in order, nothing dropped or repeated. Parts after the first start with
 * `continued` (e.g. "【低保 一次性告知（接上条）】") so a villager sees they belong together.
 */
export function packParts(units: readonly string[], continued = '', maxBytes = MAX_PART_BYTES): string[] {
  const head = continued ? `${continued}\n` : '';
  const budget = maxBytes - utf8Bytes(head);
  if (budget < 16) throw new RangeError(`maxBytes ${maxBytes} leaves no room after the continuation line`);
  const parts: string[] = [];
  let cur: string[] = [];
  const size = (lines: string[]): number => utf8Bytes((parts.length > 0 ? head : '') + lines.join('\n'));
  for (const unit of units) {
    for (const piece of utf8Bytes(unit) > budget ? cutUnit(unit, budget) : [unit]) {
      if (cur.length > 0 && size([...cur, piece]) > maxBytes) {
        parts.push((parts.length > 0 ? head : '') + cur.join('\n'));
        cur = [];
      }
      cur.push(piece);
    }
  }
  if (cur.length > 0) parts.push((parts.length > 0 ? head : '') + cur.join('\n'));
  return parts;
}
