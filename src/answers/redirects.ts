import path from 'node:path';
import { z } from 'zod';
import { textReply } from '../core/message.js';
import type { IntentHandler } from '../dialogue/types.js';
import type { RenderContext } from './answer-phrases.js';
import { fill } from './catalog.js';
import { readYaml, TemplateDataError } from './service-template.loader.js';
import { isPending } from './service-template.schema.js';
import { recordUnanswered } from './unanswered.model.js';

/**
 * The 首问 redirect directory (templates/redirects.yml): matters other units handle (身份证 → 派出所 …), answered
 * with the unit, what it handles and — once the township has filled them in — where and how to reach it.
 */
const text = z.string().trim().min(1);
const MatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/), words: z.array(text).min(1), unit: text, handles: text, where: text, how: text,
  /** complaints about it go to the unit too (停电 → 供电所): no township office answers for it */
  complaints: z.boolean().default(false),
  /** what the township itself offers next to it (医保报销 → 大病救济), said with the unit; never invented, data only */
  township: text.optional(),
  /** how the matter is named in the answer when the word found is only a cue ("包工头" → 拖欠工资); else the word found */
  name: text.optional(),
});
/** `followUps`: what a villager asks right after a redirect about the township's part ("你们镇上管这事不", "找镇上哪个部门") */
const FileSchema = z.strictObject({ pending: text, followUps: z.array(text).default([]), matters: z.array(MatterSchema).min(1) });
export type RedirectMatter = z.infer<typeof MatterSchema>;

export class RedirectDirectory {
  private constructor(private readonly data: z.infer<typeof FileSchema>) {}

  static load(dir = 'templates'): RedirectDirectory {
    const problems: string[] = [];
    const file = path.join(dir, 'redirects.yml');
    const parsed = FileSchema.safeParse(readYaml(file, problems));
    if (!parsed.success) throw new TemplateDataError([...problems, `${file}: ${parsed.error?.message ?? 'unreadable'}`]);
    return new RedirectDirectory(parsed.data);
  }

  /** The matter a message is about and the word that named it (the longest word found). */
  find(message: string): { matter: RedirectMatter; word: string } | undefined {
    let best: { matter: RedirectMatter; word: string } | undefined;
    // voice input puts spaces anywhere ("要结婚 登记去哪儿办")
    const compact = message.replace(/[\s,，。!！?？、]+/g, '');
    for (const matter of this.data.matters) {
      // "身份证号" is someone's number, not the card (as findAll reads it)
      for (const word of matter.words) if ((firstAsMatter(message, word) >= 0 || firstAsMatter(compact, word) >= 0) && (!best || word.length > best.word.length)) best = { matter, word };
    }
    return best;
  }

  /** Every matter the message names, in the order named (two topics in one message get two answers). */
  findAll(message: string): { matter: RedirectMatter; word: string }[] {
    const hits: { matter: RedirectMatter; word: string; at: number }[] = [];
    for (const matter of this.data.matters) {
      let best: { word: string; at: number } | undefined;
      for (const word of matter.words) {
        const at = firstAsMatter(message, word);
        if (at >= 0 && (!best || word.length > best.word.length)) best = { word, at };
      }
      if (best) hits.push({ matter, ...best });
    }
    // a word inside another matter's longer word is not a topic of its own (医保 in 报医保 is the same one)
    const inside = (h: (typeof hits)[number]) => hits.some((o) => o !== h && o.at <= h.at && o.at + o.word.length >= h.at + h.word.length && o.word.length > h.word.length);
    return hits.filter((h) => !inside(h)).sort((a, b) => a.at - b.at).map(({ matter, word }) => ({ matter, word }));
  }

  /** Whether the previous reply (the loop guard's memory of its start and end) was a redirect: it begins with a unit. */
  followsRedirect(previousReply: string | undefined): boolean {
    return this.redirectedMatter(previousReply) !== undefined;
  }

  /** The matter the previous reply redirected (the unit it begins with). */
  redirectedMatter(previousReply: string | undefined): RedirectMatter | undefined {
    const start = previousReply?.slice(0, START_CHARS) ?? '';
    // the unit's name without its bracketed note (a long unit does not fit in the start the loop guard keeps)
    return start === '' ? undefined : this.data.matters.find((m) => start.includes(m.unit.split('（')[0] ?? m.unit));
  }

  /** "你们镇上管这事不 找镇上哪个部门" right after a redirect, naming no other matter: the township's part in it. */
  asksAfterRedirect(message: string, previousReply: string | undefined): boolean {
    const compact = message.replace(/[\s,，。!！?？、]+/g, '');
    return this.followsRedirect(previousReply) && !this.find(message) && this.data.followUps.some((w) => compact.includes(w));
  }

  /** The unit and what it handles again, what the township does for the villager (a person who finds out), the contact. */
  renderFollowUp(ctx: RenderContext, matter: RedirectMatter): string {
    return withTownship(matter, ctx.phrases.render('redirect_followup', { unit: matter.unit, handles: matter.handles, contact: this.contactLines(ctx, matter) }));
  }

  private contactLines(ctx: RenderContext, m: RedirectMatter): string {
    const p = ctx.phrases;
    const lines: string[] = [];
    if (!isPending(m.where)) lines.push(p.render('redirect_contact_where', { where: m.where }));
    if (!isPending(m.how)) lines.push(p.render('redirect_contact_how', { how: m.how }));
    if (isPending(m.where) || isPending(m.how)) lines.push(fill(this.data.pending, { unit: m.unit }));
    return lines.join('\n');
  }

  /** Unit, what it handles, and the contact lines filled in so far (else "请以…公布为准"). */
  render(ctx: RenderContext, found: { matter: RedirectMatter; word: string }): string {
    const m = found.matter;
    return withTownship(m, ctx.phrases.render('redirect_answer', { matter: m.name ?? found.word, unit: m.unit, handles: m.handles, contact: this.contactLines(ctx, m) }));
  }
}

/** The redirect with the township's own offer next to it (医保 → 大病救济), when the directory gives one. */
const withTownship = (m: RedirectMatter, text: string): string => (m.township ? `${text}\n${m.township}` : text);

/** Where the word first stands for the matter: "身份证号" / "社保卡号码" is someone's number, not the card. */
function firstAsMatter(message: string, word: string): number {
  for (let at = message.indexOf(word); at >= 0; at = message.indexOf(word, at + 1)) {
    if (message[at + word.length] !== '号') return at;
  }
  return -1;
}

/** the start of the previous reply where a redirect names its unit */
const START_CHARS = 30;

/** Route `redirect_followup`: after a redirect, the township's part ("你们镇上管这事不"); the villager is not sent away twice. */
export function redirectFollowUpHandler(directory: RedirectDirectory, render: RenderContext): IntentHandler {
  return async (ctx) => {
    const matter = directory.redirectedMatter(ctx.conversation.loop?.lastReplyEnd);
    if (!matter) return { reply: textReply(render.phrases.render('redirect_none')) };
    return { reply: textReply(directory.renderFollowUp(render, matter)), pending: null };
  };
}

/** Route `redirect`: names the unit that handles the matter; counted for the report's backlog as `redirect`. */
export function redirectHandler(directory: RedirectDirectory, render: RenderContext): IntentHandler {
  return async (ctx) => {
    const found = directory.findAll(ctx.text);
    if (found.length === 0) return { reply: textReply(render.phrases.render('redirect_none')) };
    await recordUnanswered({ channel: ctx.message.channel, text: ctx.text, reason: 'redirect', intent: ctx.classification?.intent });
    // "还有不清楚的回复“人工”" once: not again while the previous reply also began with a unit (the loop guard keeps its start)
    const complaint = ctx.classification?.intent === 'complaint';
    const more = complaint ? [render.phrases.render('redirect_complaint_more')] : directory.followsRedirect(ctx.conversation.loop?.lastReplyEnd) ? [] : [render.phrases.render('redirect_more')];
    return { reply: textReply([...found.map((f) => directory.render(render, f)), ...more].join('\n\n')), pending: null };
  };
}
