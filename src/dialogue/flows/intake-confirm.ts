import { textReply } from '../../core/message.js';
import { looksLikeQuestion } from '../reply.js';
import type { DialogueContext, DialogueResult } from '../types.js';
import type { FlowDeps } from './deps.js';
import { answersIntake, contactFixOf, contactOnly, extractFields, type GivenContact } from './intake-fields.js';
import { offerReply } from './interview.js';
import { hasAny } from './phrases.js';
import { applyCorrection, createdReply, INTAKE_STATE, readBack, register, takeCorrection, type IntakeData } from './intake.js';

/** After this many replies in a row that neither confirm nor change anything, numbered choices and a person are offered. */
const MISSES_BEFORE_CHOICES = 2;
/** the numbered choices at a stuck read-back, in the order of templates/cases-dialogue.yml `intake_choices` */
const CHOICES = ['submit', 'change', 'cancel', 'person'] as const;

/**
 * Registers the intake (as a handoff to a person when `asPerson`) and tells its number; with the video interview's
 * slots when the villager asked for one during the intake ("我要跟镇长当面视频说").
 */
export async function submit(deps: FlowDeps, ctx: DialogueContext, data: IntakeData, asPerson = false): Promise<DialogueResult> {
  if (data.interview && !asPerson) return submitAndOffer(deps, ctx, data);
  const record = await register(deps, ctx, data, asPerson ? 'handoff' : data.kind);
  const text = await createdReply(deps, record);
  return { reply: textReply(text), pending: null, lastService: record.service ?? undefined };
}

/** Registers the intake and offers the video interview's slots for it (000 §3 第五条). */
async function submitAndOffer(deps: FlowDeps, ctx: DialogueContext, data: IntakeData): Promise<DialogueResult> {
  const record = await register(deps, ctx, data);
  const created = await createdReply(deps, record);
  const offer = await offerReply(deps, await deps.interviews.offer(record.number), 'interview_offer', record.number);
  return { ...offer, reply: textReply(created, ...offer.reply.parts), lastService: record.service ?? undefined };
}

/** One more reply that moved nothing: ask again once, then offer numbered choices with a person. */
function missed(deps: FlowDeps, data: IntakeData): DialogueResult {
  const misses = (data.misses ?? 0) + 1;
  const p = deps.phrases;
  if (misses >= MISSES_BEFORE_CHOICES) {
    return { reply: textReply(p.render('intake_choices', { kindLabel: p.kindLabel(data.kind) })), pending: INTAKE_STATE, pendingData: { ...data, misses, choices: true } };
  }
  return { reply: textReply(p.render('intake_confirm_again')), pending: INTAKE_STATE, pendingData: { ...data, misses } };
}

function changed(a: IntakeData, b: IntakeData): boolean {
  return JSON.stringify(a.fields) !== JSON.stringify(b.fields);
}

function withNotice(deps: FlowDeps, result: DialogueResult, key = 'intake_contact_fixed'): DialogueResult {
  return { ...result, reply: textReply(deps.phrases.render(key), ...result.reply.parts) };
}

/** The registration's reply followed by the answer to the question asked with the agreement. */
function withAnswer(deps: FlowDeps, result: DialogueResult, key: string): DialogueResult {
  return { ...result, reply: textReply(...result.reply.parts, deps.phrases.render(key)) };
}

/** The contact given at the read-back; an ID number is never kept (a complaint does not need it). */
function withContact(data: IntakeData, contact: GivenContact): IntakeData {
  const given = { name: contact.name, phone: contact.phone, anonymous: contact.anonymous };
  if (given.anonymous) return { ...data, fields: { ...data.fields, name: undefined, phone: given.phone, anonymous: !given.phone } };
  const named = given.name !== undefined || given.phone !== undefined;
  return { ...data, fields: { ...data.fields, ...(given.name ? { name: given.name } : {}), ...(given.phone ? { phone: given.phone } : {}), anonymous: named ? false : data.fields.anonymous } };
}


async function chosen(deps: FlowDeps, ctx: DialogueContext, data: IntakeData, index: number): Promise<DialogueResult | undefined> {
  const choice = CHOICES[index];
  if (choice === 'submit') return submit(deps, ctx, data);
  if (choice === 'person') return submit(deps, ctx, data, true);
  if (choice === 'cancel') return { reply: textReply(deps.phrases.render('intake_cancelled')), pending: null };
  if (choice === 'change') return { reply: textReply(deps.phrases.render('intake_say_change')), pending: INTAKE_STATE, pendingData: { ...data, misses: 0, choices: false } };
  return undefined;
}

/** what an agreement may carry besides its confirming words ("就这么整吧": 整) */
const AGREE_SLACK = 2;
/** a question at most this long, answered by nothing on file, is kept out of the story */
const SHORT_QUESTION = 24;
const NUMBER_QUESTION = 'intake_question_number';

/**
 * The reply to the read-back, read by the shared understanding (reply.ts): a confirmation in any form
 * registers the case and never becomes content; a correction or an addition (name and phone go to the
 * contact, not the story) is read back; a reply that changes nothing is asked about once more, then
 * answered with numbered choices (submit / change / cancel / a person — a handoff case with a number).
 */
export async function atReadBack(deps: FlowDeps, ctx: DialogueContext, data: IntakeData): Promise<DialogueResult> {
  const m = deps.replies.read(ctx.text, data.choices ? CHOICES.map((c) => deps.phrases.render(`intake_choice_${c}`)) : []);
  // "得嘞 谢谢啊" / "唔该晒" after the read-back: agreement, never content
  if (m.kind === 'confirm' || (m.kind === 'unclear' && m.thanks === true)) return submit(deps, ctx, data);
  // "电话号码打错了 是135…": the contact is fixed (and said so); nothing of it goes into the story
  const fix = contactFixOf(ctx.text, deps.phrases);
  if (fix) return withNotice(deps, readBack(deps, { ...data, fields: { ...data.fields, ...fix, anonymous: false } }));
  const fixed = applyCorrection(data, ctx.text);
  if (fixed) return readBack(deps, fixed);
  if (m.kind === 'person') return submit(deps, ctx, data, true);
  if (m.kind === 'choose' && data.choices) {
    const result = await chosen(deps, ctx, data, m.index);
    if (result) return result;
  }
  const agrees = m.kind === 'content' && m.opensWithConfirm;
  const fields = extractFields(ctx.text, deps.phrases);
  // "要得 帮我约一个 下周三下午": registered, then the interview's slots (only where the intake named the interview)
  if (agrees && hasAny(ctx.text, deps.phrases.words.bookInterview)) return submitAndOffer(deps, ctx, data);
  // "要得要得 我姓罗 叫罗德明 电话139…": agreed, with the contact: registered with it
  const contact = m.kind === 'content' ? contactOnly(ctx.text, deps.phrases, m.rest) : undefined;
  if (contact && agrees) return submit(deps, ctx, withContact(data, contact));
  // "中 那就这样吧 啥时候能有信儿": agreed, with a question about the matter: registered, then answered
  // (a question: "嗯 还有一点 开会也没通知我们 把这个加上" names 通知 but asks nothing, and is an addition)
  const own = deps.phrases.intakeQuestion(ctx.text);
  const asked = agrees && looksLikeQuestion(ctx.text) ? own : undefined;
  if (asked) return withAnswer(deps, await submit(deps, ctx, data), asked);
  // "好 那我先投诉 帮我记下来": asked in so many words to register what was read back
  if ((agrees || m.kind === 'content') && hasAny(ctx.text, deps.phrases.words.registerNow) && !answersIntake(fields)) return submit(deps, ctx, data);
  // "中 就这吧 提交", "嗯呐 就这么整吧": an agreement whose leftover is a word of dialect (no field, no story)
  if (agrees && m.rest.replace(/\s/g, '').length <= AGREE_SLACK && !answersIntake(fields)) return submit(deps, ctx, data);
  // "那就不留了 你给我个号 我好查": asking for the number is asking to register (anonymously, if said)
  if (own === NUMBER_QUESTION) return submit(deps, ctx, fields.anonymous ? withContact(data, { anonymous: true }) : data);
  // "还有我电话137… 有结果了打给我": the contact is added, nothing goes into the story
  if (contact) {
    const read = readBack(deps, withContact(data, contact));
    // an ID number alone adds nothing to the contact (pendingIntake says it is not kept)
    return contact.name || contact.phone || contact.anonymous ? withNotice(deps, read, 'intake_contact_added') : read;
  }
  // a short question nothing on file answers ("领导那边几天拿意见") is never appended to the story
  if (m.kind === 'content' && looksLikeQuestion(ctx.text) && [...ctx.text.replace(/\s/g, '')].length <= SHORT_QUESTION && !answersIntake(fields)) {
    return withNotice(deps, readBack(deps, data), 'intake_aside_unanswered');
  }
  if (m.kind === 'deny' && m.rest === '') return { reply: textReply(deps.phrases.render('intake_say_change')), pending: INTAKE_STATE, pendingData: data };
  if (m.kind === 'deny' || m.kind === 'content') {
    const said = m.kind === 'deny' || m.confirmed ? m.rest : ctx.text;
    const next = takeCorrection(deps, data, said, m.kind === 'deny');
    if (changed(data, next)) return readBack(deps, next);
  }
  return missed(deps, data);
}
