import { maskedContact } from '../../cases/index.js';
import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../types.js';
import type { FlowDeps } from './deps.js';
import { contactAfterRegistering, contactFixOf, type GivenContact } from './intake-fields.js';
import type { CaseRecord } from '../../cases/index.js';
import type { DialogueContext, DialogueResult } from '../types.js';

/**
 * A question about the matter the villager just reported, asked after it was registered ("好多天能给个说法嘛",
 * "处理完了会回访我不", "要是处理得不好咋办"): the same questions the intake answers while it is open
 * (templates/cases-dialogue.yml `intakeQuestions`). When it asks how long, the case's own progress and
 * answer date are the answer; otherwise the rule, then the progress.
 */
export const CASE_QUESTION_ROUTE = 'case_question';

const STATUS_ANSWERS = new Set(['intake_question_reply_time', 'intake_question_number']);

const contactLine = (c: CaseRecord): string => maskedContact(c.complainant);

/**
 * The contact given after registering ("俺叫王建国 电话158… 身份证号411…", "匿名吧"): put on the villager's latest case
 * (said back masked), an ID number never kept; a question asked with it is answered after.
 */
async function contactGiven(deps: FlowDeps, ctx: DialogueContext, given: GivenContact): Promise<DialogueResult | undefined> {
  const latest = (await deps.cases.listForUser(ctx.message.channel, ctx.message.userId))[0];
  if (!latest) return undefined;
  const p = deps.phrases;
  const { idGiven, ...contact } = given;
  const lines: string[] = [];
  if (contact.name || contact.phone || contact.anonymous) {
    const c = await deps.cases.updateContact(latest.number, contact, `${ctx.message.channel}:${ctx.message.userId}`);
    lines.push(c.complainant.anonymous ? p.render('case_contact_anonymous', { number: c.number }) : p.render('case_contact_added', { number: c.number, contact: contactLine(c) }));
  }
  if (idGiven) lines.push(p.render('intake_id_not_kept'));
  const own = p.intakeQuestion(ctx.text);
  if (own && own !== 'intake_question_number') lines.push(p.render(own));
  return { reply: textReply(lines.join('\n')) };
}

export function caseQuestionHandler(deps: FlowDeps, progress: IntentHandler): IntentHandler {
  return async (ctx) => {
    const given = contactAfterRegistering(ctx.text, deps.phrases);
    const added = given && !contactFixOf(ctx.text, deps.phrases) ? await contactGiven(deps, ctx, given) : undefined;
    if (added) return added;
    // "电话说错了 正确的是159…" right after registering: the case's contact is corrected (masked when said back)
    const fix = contactFixOf(ctx.text, deps.phrases);
    const latest = fix ? (await deps.cases.listForUser(ctx.message.channel, ctx.message.userId))[0] : undefined;
    if (fix && latest) {
      const c = await deps.cases.updateContact(latest.number, fix, `${ctx.message.channel}:${ctx.message.userId}`);
      return { reply: textReply(deps.phrases.render('case_contact_fixed', { number: c.number, contact: contactLine(c) })) };
    }
    const own = deps.phrases.intakeQuestion(ctx.text);
    const status = await progress(ctx);
    // how long, or "再说一遍我的编号": the case's own progress (its number, status and answer date) is the answer
    if (!own || STATUS_ANSWERS.has(own)) return status;
    return { ...status, reply: textReply(deps.phrases.render(own), ...status.reply.parts) };
  };
}
