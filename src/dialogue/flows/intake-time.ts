/**
 * "When" in a villager's words, kept whole: 今年三月, 上个月15号, 前天下午, 2026年10月.
 * A time expression is a run of adjacent parts: cue words from templates/cases-dialogue.yml
 * (`words.when`, relative: 今年, 上个月, 前天, 下午 …) and numbered dates (the patterns below).
 * A tail word (`words.whenTail`: 底, 中旬, 左右 …) only extends a run that already started.
 */

/** numbered date parts: a 4-digit year, a month, a day, a weekday, a clock hour (digits only: 一点 is "a little") */
const NUMBERED: readonly RegExp[] = [
  /^(?:\d{4}|[一二三四五六七八九零〇]{4})年/,
  /^(?:\d{1,2}|[一二三四五六七八九十]{1,3}|正|腊)月份?/,
  /^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]/,
  /^(?:上|下|这|本)?个?(?:周|礼拜|星期)[一二三四五六日天]/,
  /^(?:上|下|这|本)个?(?:月|周|礼拜|星期)/,
  /^\d{1,2}(?:点|时)(?:\d{1,2}分?|半|钟|多)?/,
];
/** a numbered part must not start inside a longer number (123月, 十三 in 二十三) */
const DIGIT_BEFORE = /[\d一二三四五六七八九十零〇两]$/;

function numberedAt(text: string, at: number): number {
  if (at > 0 && DIGIT_BEFORE.test(text.slice(0, at))) return 0;
  const rest = text.slice(at);
  let best = 0;
  for (const re of NUMBERED) best = Math.max(best, re.exec(rest)?.[0].length ?? 0);
  return best;
}

function wordAt(text: string, at: number, words: readonly string[]): number {
  let best = 0;
  for (const w of words) if (w.length > best && text.startsWith(w, at)) best = w.length;
  return best;
}

/** The length of the time part starting at `at` (0 when none). */
function partAt(text: string, at: number, cues: readonly string[]): number {
  return Math.max(wordAt(text, at, cues), numberedAt(text, at));
}

/** The first time expression in the text, as long as its parts run on; undefined when none. */
export function extractWhen(text: string, cues: readonly string[], tails: readonly string[]): string | undefined {
  for (let start = 0; start < text.length; start++) {
    let end = start + partAt(text, start, cues);
    if (end === start) continue;
    for (;;) {
      const step = partAt(text, end, cues) || wordAt(text, end, tails);
      if (!step) break;
      end += step;
    }
    return text.slice(start, end);
  }
  return undefined;
}

