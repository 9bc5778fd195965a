import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { normalize } from '../nlu/index.js';

/**
 * What a villager's answer to the bot's question means — one understanding shared by every flow
 * (intake read-back, checklist follow-up, clarification, 回访, interview booking, the help menu).
 * Cue words live in templates/replies.yml.
 *
 * - confirm: only confirming words ("嗯嗯 提交吧", "对头", "就这样 提交吧"); `done` when only "that is all"
 *   words were used ("就这些", "莫得了"). A confirmation never carries content.
 * - choose: an option by number ("2", "第二个", "对 第二个") or by its words (the `options` passed in).
 * - cancel, person (asks for a staff member), deny (with what follows: "不对 是上个月").
 * - content: anything else; `confirmed` when it also holds a confirming word, `opensWithConfirm` when it begins with
 *   one ("对，还有一件事…", "要得 我姓罗…"; not "他们会不会知道是我").
 * - unclear: nothing but filler or "what do you mean" ("啊", "？", "啥意思"); `thanks` when it only thanks ("得嘞 谢谢啊"
 *   has a confirmation and is a confirmation; "谢了" alone is unclear with `thanks`: a read-back takes it as agreement).
 */
export type ReplyMeaning =
  | { kind: 'confirm'; done: boolean; thanks?: boolean }
  | { kind: 'choose'; index: number }
  | { kind: 'cancel' }
  | { kind: 'person' }
  | { kind: 'deny'; rest: string }
  | { kind: 'content'; rest: string; confirmed: boolean; opensWithConfirm: boolean }
  | { kind: 'unclear'; thanks?: boolean };

const words = z.array(z.union([z.string(), z.number()]).transform(String)).min(1);
const schema = z.strictObject({
  confirm: words, done: words, deny: words, cancel: words, person: words, confused: words, filler: words, thanks: words,
  ordinals: z.strictObject({ first: words, second: words, last: words }),
  correct: words.optional(),
  plain: words.optional(),
});
type Cue = 'confirm' | 'done' | 'deny' | 'cancel' | 'person' | 'confused' | 'filler' | 'thanks' | 'first' | 'second' | 'last';
/** a word that starts like a cue but is none ("中标", "好多天", "对面"): read as plain text */
type Entry = [string, Cue | 'plain'];

/** Thrown when templates/replies.yml is malformed. */
export class ReplyWordsError extends Error {
  override name = 'ReplyWordsError';
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** "3", "第3个", "第三项", "三号", "二" — a number standing alone, not part of a longer number */
const NUMBER_AT = /^(?:第\s*)?([1-9]|[一二两三四五六七八九])(?![0-9])\s*(?:个|项|号|种|条|点)?/;
const STRIP = /[\s,.!?;:，。！？；：~～…、"“”'‘’()（）[\]【】]/g;
/** a reply longer than this is an account, not an answer to a choice */
const MAX_CHOICE_CHARS = 12;
/** an option is picked by its words only with a few words ("办证", "材料那个"): more is a new message */
const MAX_WORDS_CHARS = 6;
/** what may be left over besides a cancel word ("算了 我不弄了") */
const CANCEL_SLACK = 2;
/** when the reply opens with the cancel word, a short reason may follow ("算了算了 不投诉了 怕得罪人") */
const CANCEL_REASON_CHARS = 8;
/** a longer reason after two cancel words; STILL_WANTS in it means the villager goes on after all */
const LONG_REASON_CHARS = 16;
/** a "what I meant" frame counts in the first clauses only ("不对 我说的是五保") */
const CORRECT_CLAUSES = 2;
/** "不是低保": a deny word and a name at most — the whole clause is the correction */
const CORRECTION_NAME_CHARS = 4;
/** the clauses of a message, split at punctuation and spaces */
export function clausesOf(text: string): string[] {
  return text.split(/[，,。.!！?？；;\s]+/).filter(Boolean);
}
const STILL_WANTS = /投诉|举报|反映|告|还是要|还要|但是|不过/;

interface Scan {
  cues: Set<Cue>;
  numbers: number[];
  rest: string;
  /** how many cancel words, longest first ("算了算了 不投了": 3) */
  cancels: number;
  /** the first cue of the reply, before any unrecognised text */
  opening?: Cue;
}

/** Reads replies against the cue words of templates/replies.yml. */
export class ReplyReader {
  private readonly lexicon: Entry[];
  private readonly correctWords: readonly string[];

  constructor(data: z.infer<typeof schema>) {
    this.correctWords = data.correct ?? [];
    const entries: Entry[] = [];
    for (const cue of ['confirm', 'done', 'deny', 'cancel', 'person', 'confused', 'filler', 'thanks'] as const) for (const w of data[cue]) entries.push([w.toLowerCase(), cue]);
    for (const cue of ['first', 'second', 'last'] as const) for (const w of data.ordinals[cue]) entries.push([w.toLowerCase(), cue]);
    for (const w of data.plain ?? []) entries.push([w.toLowerCase(), 'plain']);
    // longest first, so 不对 wins over 对 and 嗯嗯 over 嗯
    this.lexicon = entries.sort((a, b) => b[0].length - a[0].length);
  }

  static load(templatesDir: string): ReplyReader {
    const file = path.join(templatesDir, 'replies.yml');
    const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new ReplyWordsError(`${file}: ${parsed.error.message}`, { cause: parsed.error });
    return new ReplyReader(parsed.data);
  }

  private scan(text: string): Scan {
    // traditional and full-width forms read as the simplified ones the word lists hold (係啊 就係咁 → 系啊 就系咁)
    const s = normalize(text).toLowerCase().replace(STRIP, ' ').trim();
    const cues = new Set<Cue>();
    const numbers: number[] = [];
    const pieces: { text: string; cue?: Cue }[] = [];
    const plain = (ch: string) => {
      const last = pieces.at(-1);
      if (last && !last.cue) last.text += ch;
      else pieces.push({ text: ch });
    };
    let i = 0;
    while (i < s.length) {
      const tail = s.slice(i);
      if (tail[0] === ' ') { pieces.push({ text: ' ', cue: 'filler' }); i += 1; continue; }
      const prev = s[i - 1] ?? '';
      const num = /[0-9]/.test(prev) ? null : NUMBER_AT.exec(tail);
      const digit = num?.[1];
      // a bare Chinese numeral counts only as 第X / X个 / the whole reply ("一次性" is not a choice)
      if (num && digit && (/[1-9]/.test(digit) || num[0].length > 1 || tail.trim().length === 1)) {
        numbers.push(CN_DIGITS[digit] ?? Number(digit));
        pieces.push({ text: num[0], cue: 'filler' });
        i += num[0].length;
        continue;
      }
      const hit = this.lexicon.find(([w]) => tail.startsWith(w));
      if (hit?.[1] === 'plain') {
        for (const ch of hit[0]) plain(ch);
        i += hit[0].length;
        continue;
      }
      if (hit) {
        cues.add(hit[1]);
        pieces.push({ text: hit[0], cue: hit[1] });
        i += hit[0].length;
        continue;
      }
      plain(s[i] ?? '');
      i += 1;
    }
    const first = pieces.find((p) => p.cue !== 'filler');
    const cancels = pieces.filter((p) => p.cue === 'cancel').length;
    return { cues, numbers, rest: restOf(pieces), cancels, ...(first?.cue ? { opening: first.cue } : {}) };
  }

  /**
   * Whether the message opens by correcting what the bot understood: a deny word first ("不对 我说的是五保"), or a
   * "what I meant" frame at the start of a clause ("我问的是失业那个证"; templates/replies.yml `correct`).
   */
  corrects(text: string): boolean {
    if (this.scan(text).opening === 'deny') return true;
    return clausesOf(text).some((c, i) => i < CORRECT_CLAUSES && this.meantFrame(c) !== undefined);
  }

  /**
   * The message without its correction: a clause of a deny word and at most a name dropped ("不对", "不是低保"), the
   * deny word taken off a longer clause ("不是 本村户口能办吗" keeps its question), the "what I meant" frame taken off
   * ("我说的是五保" → "五保").
   */
  withoutCorrection(text: string): string {
    const kept: string[] = [];
    for (const clause of clausesOf(text)) {
      const scanned = this.scan(clause);
      if (scanned.opening === 'deny' && scanned.rest.replace(/\s/g, '').length <= CORRECTION_NAME_CHARS) continue;
      const frame = this.meantFrame(clause);
      kept.push(frame !== undefined ? clause.slice(frame.length) : clause);
    }
    return kept.filter(Boolean).join(' ');
  }

  /** the "what I meant" frame a clause opens with (normalised as the word lists are), if any */
  private meantFrame(clause: string): string | undefined {
    const head = normalize(clause).toLowerCase().replace(STRIP, '');
    return this.correctWords.find((w) => head.startsWith(w));
  }

  /** Whether the reply thanks (谢谢, 多谢哦, 唔该晒) anywhere in it. */
  thanks(text: string): boolean {
    return this.scan(text).cues.has('thanks');
  }

  /** What the reply means; `options` are the offered choices' words, to be picked by saying them. */
  read(text: string, options: readonly string[] = []): ReplyMeaning {
    const { cues, numbers, rest, opening, cancels } = this.scan(text);
    const compact = text.replace(STRIP, '');
    const restChars = rest.replace(/\s/g, '').length;
    if (cues.has('cancel') && (restChars <= CANCEL_SLACK || (opening === 'cancel' && restChars <= CANCEL_REASON_CHARS))) return { kind: 'cancel' };
    // "算了不弄了 都是一个村的 抬头不见低头见": two ways of stopping, then a reason that asks for nothing
    // ("唉 寻思寻思算了吧 不整了 取消吧": two or more, wherever they stand)
    // ("算了算了" says it twice too; the longest word at each place counts once)
    if (cancels >= 2 && restChars <= LONG_REASON_CHARS && !STILL_WANTS.test(rest)) return { kind: 'cancel' };
    if (restChars === 0) {
      if (cues.has('person')) return { kind: 'person' };
      const index = this.choiceIndex(cues, numbers, options.length);
      if (index !== undefined) return { kind: 'choose', index };
      if (cues.has('deny')) return { kind: 'deny', rest: '' };
      // "嗯？" asks back; it does not agree
      if (cues.has('confused') || /[?？]\s*$/.test(text)) return { kind: 'unclear' };
      // "好的谢谢了" agrees and thanks: a read-back takes it as agreement, an offer as a polite no (thanks set)
      if (cues.has('confirm') || cues.has('done')) return { kind: 'confirm', done: !cues.has('confirm'), ...(cues.has('thanks') ? { thanks: true } : {}) };
      return cues.has('thanks') ? { kind: 'unclear', thanks: true } : { kind: 'unclear' };
    }
    if (options.length > 0 && compact.length <= MAX_CHOICE_CHARS) {
      const index = numbers.length === 1 ? this.choiceIndex(cues, numbers, options.length) : restChars <= MAX_WORDS_CHARS ? optionByWords(rest, options) : undefined;
      if (index !== undefined) return { kind: 'choose', index };
    }
    if (cues.has('person') && restChars <= CANCEL_SLACK) return { kind: 'person' };
    if (cues.has('deny')) return { kind: 'deny', rest };
    return { kind: 'content', rest, confirmed: cues.has('confirm'), opensWithConfirm: opening === 'confirm' || opening === 'done' };
  }

  private choiceIndex(cues: Set<Cue>, numbers: number[], count: number): number | undefined {
    if (numbers.length === 1 && numbers[0] !== undefined) return numbers[0] - 1;
    if (cues.has('first')) return 0;
    if (cues.has('second')) return 1;
    if (cues.has('last') && count > 0) return count - 1;
    return undefined;
  }
}

/** The unrecognised text; a filler word between two unrecognised pieces stays ("上个月" keeps its 个). */
function restOf(pieces: { text: string; cue?: Cue }[]): string {
  const kept = pieces.map((p, i) => {
    if (!p.cue) return p.text;
    const inside = p.cue === 'filler' && p.text !== ' ' && pieces[i - 1]?.cue === undefined && pieces[i + 1]?.cue === undefined && i > 0 && i < pieces.length - 1;
    return inside ? p.text : ' ';
  });
  return kept.join('').replace(/\s+/g, ' ').trim();
}

/** characters that say nothing about which option is meant */
const COMMON = new Set([...'的了是我要想吗呢吧啊个这那和或还问看什么怎么办理事情方面相关一下']);

/** The option whose words share the most characters with the reply, when exactly one does best. */
export function optionByWords(rest: string, options: readonly string[]): number | undefined {
  const chars = [...new Set(rest.replace(/\s/g, ''))].filter((c) => !COMMON.has(c));
  if (chars.length === 0) return undefined;
  const whole = rest.replace(/\s/g, '');
  const scores = options.map((o) => (o.includes(whole) && whole.length >= 2 ? 100 : chars.filter((c) => o.includes(c)).length));
  const best = Math.max(...scores);
  if (best === 0 || scores.filter((s) => s === best).length > 1) return undefined;
  return scores.indexOf(best);
}

/**
 * A question rather than an answer: 吗/不/呢/？ at the end, or a question word (怎么, 为啥, 谁, 哪个, 多少, 几 …). Shared by
 * the flows that must tell a question from a pick or a list of materials.
 */
export function looksLikeQuestion(text: string): boolean {
  return /[吗嘛呢不没？?]\s*$|怎么|为什么|为啥|会不会|能不能|可不可以|是不是|有没有|多少|多久|多长|什么时候|啥时候|好久|几|谁|哪个|哪位|往哪|去哪|找哪|咋/.test(text.trim());
}
