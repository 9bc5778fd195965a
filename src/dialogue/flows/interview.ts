import { CaseNotFoundError } from '../../cases/index.js';
import { textReply } from '../../core/message.js';
import type { InterviewRecord } from '../../interviews/index.js';
import { findOffice, findStaff } from '../../staff/index.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../types.js';
import { formatSlot, type FlowDeps } from './deps.js';
import { handoffNow } from './handoff-now.js';
import { hasAny } from './phrases.js';
import { looksLikeQuestion } from '../reply.js';
import { SatisfactionModel } from './satisfaction.model.js';

export const INTERVIEW_STATE = 'interview';
/** what the interview rules answer: who talks with the villager */
const WHO = /谁|领导|哪位|什么人/u;
/** the second reply that picks no slot gets the slots again with a person as the last choice */
const CHOICES_AT = 2;

async function leaderVars(iv: InterviewRecord): Promise<{ leader: string; post: string }> {
  const leader = await findStaff(iv.leaderStaffId);
  return { leader: leader?.name ?? iv.leaderStaffId, post: leader?.post ?? '' };
}

function slotLines(deps: FlowDeps, iv: InterviewRecord): string {
  return iv.slotsOffered.map((s, i) => deps.phrases.render('interview_slot_line', { index: i + 1, slot: formatSlot(deps.phrases, s) })).join('\n');
}

/** The three slots for an interview, waiting for the villager's number. */
export async function offerReply(deps: FlowDeps, iv: InterviewRecord | null, key: 'interview_offer' | 'followup_reopened', number: string): Promise<DialogueResult> {
  const p = deps.phrases;
  if (!iv?.slotsOffered.length) {
    return { reply: textReply(p.render(key === 'followup_reopened' ? 'followup_reopened_no_slots' : 'interview_no_slots', { number })), pending: null };
  }
  const text = p.render(key, { number, slots: slotLines(deps, iv), ...(await leaderVars(iv)) });
  return { reply: textReply(text), pending: INTERVIEW_STATE, pendingData: { caseNumber: number } };
}

async function reschedule(deps: FlowDeps, iv: InterviewRecord): Promise<DialogueResult> {
  const p = deps.phrases;
  const outcome = await deps.interviews.requestReschedule(iv.caseNumber);
  if (outcome.kind === 'offered') {
    const original = formatSlot(p, outcome.interview.originalAt ?? new Date());
    return { reply: textReply(p.render('interview_reschedule_offer', { original, slots: slotLines(deps, outcome.interview) })), pending: INTERVIEW_STATE, pendingData: { caseNumber: iv.caseNumber } };
  }
  const office = (await findOffice(iv.officeCode))?.name ?? iv.officeCode;
  const slot = iv.bookedAt ? formatSlot(p, iv.bookedAt) : '';
  const key = outcome.reason === 'already_rescheduled' ? 'interview_reschedule_refused' : 'interview_reschedule_no_slots';
  return { reply: textReply(p.render(key, { slot, office })), pending: null };
}

/** The villager's case that most recently got 不满意. */
async function unsatisfiedCase(deps: FlowDeps, channel: string, userId: string): Promise<string | undefined> {
  const last = await SatisfactionModel.findOne({ channel, userId, rating: 'unsatisfied' }).sort({ at: -1 }).lean();
  if (!last) return undefined;
  try {
    await deps.cases.find(last.caseNumber);
    return last.caseNumber;
  } catch (err) {
    if (err instanceof CaseNotFoundError) return undefined;
    throw err;
  }
}

/**
 * intent `interview`: change a booked interview, or book one for the latest unsatisfied case. The conversation is then
 * about the 约谈 rules ("谈的内容会记下来不" is answered from them).
 */
export function interviewHandler(deps: FlowDeps): IntentHandler {
  const handle = interviewTurn(deps);
  return async (ctx) => ({ lastService: INTERVIEW_RULES_SERVICE, ...(await handle(ctx)) });
}

function interviewTurn(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const { channel, userId } = ctx.message;
    const p = deps.phrases;
    const latest = await deps.interviews.latestFor(channel, userId);
    if (latest?.status === 'booked') {
      if (hasAny(ctx.text, p.words.reschedule)) return reschedule(deps, latest);
      const slot = latest.bookedAt ? formatSlot(p, latest.bookedAt) : '';
      return { reply: textReply(p.render('interview_already_booked', { number: latest.caseNumber, slot, ...(await leaderVars(latest)) })) };
    }
    const number = await unsatisfiedCase(deps, channel, userId);
    // "约好的约谈那天有事 能改不" with nothing booked: the rule still answers it (000 §2), then how to go on
    if (!number) return { reply: textReply(p.render(hasAny(ctx.text, p.words.reschedule) ? 'interview_rule_none' : 'interview_none')) };
    return offerReply(deps, await deps.interviews.offer(number), 'interview_offer', number);
  };
}

/** the service whose template holds the 视频约谈 rules (000 党政领导干部视频约谈制度, with 信访) */
export const INTERVIEW_RULES_SERVICE = 'xinfang';

/** The answer the 约谈 rules give to a question (asked while the slots wait, or during an intake), if any. */
export async function interviewRule(deps: FlowDeps, ctx: DialogueContext): Promise<string[]> {
  const c = ctx.classification;
  const about: DialogueContext = {
    ...ctx,
    classification: c ? { ...c, service: INTERVIEW_RULES_SERVICE, serviceFromContext: true } : c,
    conversation: { ...ctx.conversation, lastService: INTERVIEW_RULES_SERVICE },
  };
  return (await deps.dispatch('question_aside', about))?.reply.parts.filter(Boolean) ?? [];
}

/** readings that are no other matter while slots wait: the booking itself, thanks, greetings, a satisfaction word */
const NOT_ANOTHER_MATTER = new Set(['interview', 'feedback', 'thanks_bye', 'greeting', 'help']);
/** a matter of another unit reads as out_of_scope, rarely surely: this likely is enough (its handler names the unit) */
const LIKELY_ELSEWHERE = 0.6;

/** Another matter the villager brings up while the slots wait, answered by its own handler (undefined: none). */
async function otherMatter(deps: FlowDeps, ctx: DialogueContext): Promise<DialogueResult | undefined> {
  const c = ctx.classification;
  // as sure as an aside during an intake (templates/cases-dialogue.yml aside.minConfidence)
  const sure = c && !c.shouldClarify && c.confidence >= (c.intent === 'out_of_scope' ? LIKELY_ELSEWHERE : deps.phrases.aside.minConfidence);
  if (!c || !sure || NOT_ANOTHER_MATTER.has(c.intent)) return undefined;
  const cleared = { ...ctx, conversation: { ...ctx.conversation, pending: undefined, pendingData: undefined } };
  const result = await deps.dispatch(c.intent, cleared);
  return result && result.reply.parts.some(Boolean) ? result : undefined;
}

/** `pending:interview`: a slot number, a change request, or 算了. */
export function pendingInterviewHandler(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const p = deps.phrases;
    const data = ctx.conversation.pendingData as { caseNumber?: unknown; misses?: unknown } | undefined;
    const number = typeof data?.caseNumber === 'string' ? data.caseNumber : undefined;
    const iv = number ? await deps.interviews.find(number) : null;
    if (!number || !iv) return { reply: textReply(p.render('interview_cancelled')), pending: null };
    const slots = iv.slotsOffered.map((at) => formatSlot(p, at));
    const misses = typeof data?.misses === 'number' ? data.misses : 0;
    const reply = deps.replies.read(ctx.text, misses >= CHOICES_AT - 1 ? [...slots, p.render('interview_person_about', { number })] : slots);
    if (reply.kind === 'cancel') {
      await deps.interviews.keepBooking(number);
      return { reply: textReply(p.render('interview_cancelled')), pending: null };
    }
    if (reply.kind === 'person' || (reply.kind === 'choose' && reply.index === slots.length && misses >= CHOICES_AT - 1)) {
      return handoffNow(deps, ctx, p.render('interview_person_about', { number }));
    }
    const choice = reply.kind === 'choose' ? reply.index + 1 : undefined;
    if (choice === undefined || choice < 1 || choice > iv.slotsOffered.length) {
      if (iv.status === 'booked' && hasAny(ctx.text, p.words.reschedule)) return reschedule(deps, iv);
      // "到时候是哪个领导跟我谈" / "能改时间不": the rules answer, the slots stay open (not a miss)
      if (looksLikeQuestion(ctx.text) && (WHO.test(ctx.text) || hasAny(ctx.text, p.words.reschedule))) return { reply: textReply(p.render('interview_questions', { slots: slotLines(deps, iv) })), pending: INTERVIEW_STATE, pendingData: { caseNumber: number, misses } };
      // "谈的时候录不录": the 约谈 rules on file answer it, the slots stay open (not a miss)
      const asked = looksLikeQuestion(ctx.text) ? await interviewRule(deps, ctx) : [];
      if (asked.length) return { reply: textReply(...asked, p.render('interview_pick_again')), pending: INTERVIEW_STATE, pendingData: { caseNumber: number, misses } };
      // "包工头欠我工钱 有没得法律援助": another matter is answered, the slots stay open (not a miss)
      const other = await otherMatter(deps, ctx);
      // (another flow taking over — a complaint intake, a checklist — is told the slots are not booked yet)
      if (other?.pending) return { ...other, reply: textReply(...other.reply.parts, p.render('interview_not_booked')) };
      if (other) return { ...other, reply: textReply(...other.reply.parts, p.render('interview_pick_later')), pending: INTERVIEW_STATE, pendingData: { caseNumber: number, misses } };
      const key = misses + 1 >= CHOICES_AT ? 'interview_choices' : 'interview_pick_again';
      return { reply: textReply(p.render(key, { slots: slotLines(deps, iv) })), pending: INTERVIEW_STATE, pendingData: { caseNumber: number, misses: misses + 1 } };
    }
    const outcome = await deps.interviews.bookSlot(number, choice);
    if (outcome.kind === 'taken') {
      // another villager booked that leader's slot a moment ago: offer the fresh slots
      const fresh = outcome.interview;
      if (fresh.slotsOffered.length === 0) return { reply: textReply(p.render('interview_no_slots')), pending: null };
      return { reply: textReply(p.render('interview_slot_taken', { slots: slotLines(deps, fresh) })), pending: INTERVIEW_STATE, pendingData: { caseNumber: number } };
    }
    const booked = outcome.interview;
    const slot = booked.bookedAt ? formatSlot(p, booked.bookedAt) : '';
    return { reply: textReply(p.render('interview_booked', { number, slot, ...(await leaderVars(booked)) })), pending: null };
  };
}
