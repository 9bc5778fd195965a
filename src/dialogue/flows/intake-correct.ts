/**
 * A correction of one detail the villager typed wrong (更正): "不对 不是二组 是四组的水渠", "说错了 是扣了五百 不是三百",
 * "把三百改成五百". The wrong words are replaced in the story where they occur, so the read-back shows the story as it
 * should be instead of the story plus the correction.
 */

const NOT_A_THEN_B = /不是([^\s,，。；;!！?？]{1,8}?)[\s,，。；;]*(?:而)?是([^\s,，。；;!！?？]{1,10})/u;
const B_THEN_NOT_A = /是([^\s,，。；;!！?？]{1,10}?)[\s,，。；;]*(?:而)?不是([^\s,，。；;!！?？]{1,8})/u;
const A_TO_B = /(?:把)?([^\s,，。；;!！?？]{1,8}?)(?:改成|改为|换成)([^\s,，。；;!！?？]{1,10})/u;
const TRAILING = /[的了啊呀哈嘛吧哦]+$/u;

/** The wrong and the right words of a correction, when the reply says both. */
export function correctionPair(text: string): { wrong: string; right: string } | undefined {
  const a = NOT_A_THEN_B.exec(text);
  if (a?.[1] && a[2]) return clean(a[1], a[2]);
  const b = B_THEN_NOT_A.exec(text);
  if (b?.[1] && b[2]) return clean(b[2], b[1]);
  const c = A_TO_B.exec(text);
  if (c?.[1] && c[2]) return clean(c[1], c[2]);
  return undefined;
}

/** sentences of a reply that may each carry a correction ("是小槐树村，不是大槐树村。另外不是村主任，是村支书") */
const SENTENCE = /[。；;！!\n]|另外|还有|再一个|还有就是/u;

/** Every correction in the reply, one per sentence (the whole reply when no sentence holds one). */
export function correctionPairs(text: string): { wrong: string; right: string }[] {
  const pairs = text.split(SENTENCE).map(correctionPair).filter((p): p is { wrong: string; right: string } => p !== undefined);
  if (pairs.length) return pairs;
  const whole = correctionPair(text);
  return whole ? [whole] : [];
}

function clean(wrong: string, right: string): { wrong: string; right: string } | undefined {
  const w = wrong.replace(TRAILING, '');
  const r = right.replace(TRAILING, '');
  return w && r && w !== r ? { wrong: w, right: r } : undefined;
}

/**
 * The part of the right words that takes the wrong words' place: "四组的水渠" for "二组" is "四组" (what follows
 * 的 describes it), "扣了五百" for "三百" is "五百" (what comes before 了 is the verb); otherwise the right words whole
 * ("上个星期" for "上个月").
 */
function fitted(wrong: string, right: string): string {
  const w = [...wrong];
  const r = [...right];
  if (r.length <= w.length) return right;
  const head = r.slice(0, w.length);
  const tail = r.slice(r.length - w.length);
  const shares = (part: string[]) => part.some((ch, i) => ch === w[i]);
  if (shares(head) && r[w.length] === '的') return head.join('');
  if (shares(tail) && r[r.length - w.length - 1] === '了') return tail.join('');
  // "村支书管的账" for "村主任": a post of the same shape, then what it does
  if (shares(head) && r.length - w.length >= 2) return head.join('');
  return right;
}

/** The story with the corrections made, or undefined when none of the wrong words is in it. */
export function correctedStory(story: string, text: string): string | undefined {
  let out = story;
  for (const pair of correctionPairs(text)) {
    if (out.includes(pair.wrong)) out = out.split(pair.wrong).join(fitted(pair.wrong, pair.right));
  }
  return out === story ? undefined : out;
}
