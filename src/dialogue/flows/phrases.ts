import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { fill, MissingTemplateError, type TemplateVars } from '../../answers/catalog.js';

const wordList = z.array(z.union([z.string(), z.number()]).transform(String)).min(1);

const schema = z.object({
  words: z.object({
    cancel: wordList, confirm: wordList, unknown: wordList, anonymous: wordList, progress: wordList,
    formalDisclosure: wordList, unsatisfied: wordList, partly: wordList, satisfied: wordList, reschedule: wordList,
    who: wordList, when: wordList, whenTail: wordList, wants: wordList, filler: wordList, ruleCue: wordList, whereCue: wordList,
    person: wordList.default(['转人工']),
    /** a reply that names the contact and one of these fixes the contact ("电话打错了 是135…"), not the story */
    contact: wordList.default(['电话', '号码', '手机', '名字', '姓名']),
    corrects: wordList.default(['错', '改', '不对', '反了', '更正']),
    /** a story about an answer the villager is not happy with: the intake names the video interview */
    answerUnsatisfied: wordList.default(['不满意', '没解决']),
    earlierAnswer: wordList.default(['上次']),
    serviceRuleCue: wordList.default(['公布']),
    forgot: wordList.default(['忘了']),
    /** asking to register what was said ("帮我记下来"): at the read-back it registers */
    registerNow: wordList.default(['帮我登记']),
    /** an answer asked for in writing ("多久给我个书面说法"): in a complaint about being turned away, the 否定报备 rule */
    inWriting: wordList.default(['书面']),
    /** someone else's personal data asked to be shown ("他屋里收入好多 身份证号码多少"): 个人隐私 is not disclosed (002 第七条) */
    privateInfo: wordList.default(['身份证号码']),
    otherPerson: wordList.default(['别人']),
    byTheWay: wordList.default(['对了']),
    worry: wordList.default(['怕']),
    /** asking for the interview itself ("帮我约一个") when the read-back is confirmed */
    bookInterview: wordList.default(['约谈', '约一个']),
    /** taking back a registered report, unless about something taken from the villager; asking whether one can */
    withdraw: wordList.default(['撤回']),
    withdrawnFrom: wordList.default(['被撤']),
    withdrawAsks: wordList.default(['能不能撤']),
    withdrawBack: wordList.default(['继续办']),
  }),
  /** questions about the intake itself (how long, is my name kept secret): each group must have a word in the message */
  intakeQuestions: z.array(z.object({ id: z.string().regex(/^[a-z_]+$/), all: z.array(wordList).min(1) })).default([]),
  aside: z.object({ intents: wordList, minConfidence: z.number().min(0).max(1), detailsKinds: wordList, questionKinds: wordList.default(['complaint', 'petition']) }),
  categories: z.record(z.string(), wordList),
  fieldLabels: z.record(z.string(), z.string()),
  kindLabels: z.record(z.string(), z.string()),
  /** the time limits of each case kind in the villager's words (shown with the progress of an open case) */
  kindRules: z.record(z.string(), z.string()).default({}),
  statusLabels: z.record(z.string(), z.string()),
  texts: z.record(z.string(), z.string()),
});

export type CueWords = z.infer<typeof schema>['words'];

/** Thrown when templates/cases-dialogue.yml is malformed. */
export class CaseDialogueDataError extends Error {
  override name = 'CaseDialogueDataError';
}

/** The sentences and cue words of the case dialogues (templates/cases-dialogue.yml). */
export class CasePhrases {
  private constructor(private readonly data: z.infer<typeof schema>) {}

  static load(templatesDir: string): CasePhrases {
    const file = path.join(templatesDir, 'cases-dialogue.yml');
    const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new CaseDialogueDataError(`${file}: ${parsed.error.message}`, { cause: parsed.error });
    return new CasePhrases(parsed.data);
  }

  get words(): CueWords {
    return this.data.words;
  }

  /** intents that, said confidently while an intake waits, are answered on the side (intake.ts) */
  get aside(): { intents: string[]; minConfidence: number; detailsKinds: string[]; questionKinds: string[] } {
    return this.data.aside;
  }

  /** The text key answering a question about the intake itself (`intake_question_<id>`), if the message asks one. */
  intakeQuestion(text: string): string | undefined {
    const q = this.data.intakeQuestions.find((e) => e.all.every((group) => group.some((w) => text.includes(w))));
    return q && `intake_question_${q.id}`;
  }

  get categories(): Record<string, string[]> {
    return this.data.categories;
  }

  render(key: string, vars: TemplateVars = {}): string {
    const text = this.data.texts[key];
    if (text === undefined) throw new MissingTemplateError(`no case dialogue text "${key}"`);
    return fill(text, vars);
  }

  fieldLabel(field: string): string {
    return this.data.fieldLabels[field] ?? field;
  }

  kindLabel(kind: string): string {
    return this.data.kindLabels[kind] ?? kind;
  }

  /** The rule on a case kind's time limits, for the villager (none for a kind without one). */
  kindRule(kind: string): string | undefined {
    return this.data.kindRules[kind];
  }

  statusLabel(status: string): string {
    return this.data.statusLabels[status] ?? status;
  }
}

/** Whether the text contains any of the words. */
export function hasAny(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.includes(w));
}

/** Whether the whole (short) reply is one of the words, ignoring punctuation and spaces. */
export function isExactly(text: string, words: readonly string[]): boolean {
  const bare = text.replace(/[\s,.!?，。！？~～…、]/g, '');
  return words.includes(bare);
}
