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
  return right;
}

/** The story with the correction made, or undefined when the wrong words are not in it. */
export function correctedStory(story: string, text: string): string | undefined {
  const pair = correctionPair(text);
  if (!pair || !story.includes(pair.wrong)) return undefined;
  return story.split(pair.wrong).join(fitted(pair.wrong, pair.right));
}
