import { maskName, maskPhone } from '../../cases/index.js';
import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../types.js';
import type { FlowDeps } from './deps.js';
import { contactFixOf } from './intake-fields.js';

/**
 * A question about the matter the villager just reported, asked after it was registered ("好多天能给个说法嘛",
 * "处理完了会回访我不", "要是处理得不好咋办"): the same questions the intake answers while it is open
 * (templates/cases-dialogue.yml `intakeQuestions`). When it asks how long, the case's own progress and
 * answer date are the answer; otherwise the rule, then the progress.
 */
export const CASE_QUESTION_ROUTE = 'case_question';

const STATUS_ANSWERS = new Set(['intake_question_reply_time', 'intake_question_number']);

export function caseQuestionHandler(deps: FlowDeps, progress: IntentHandler): IntentHandler {
  return async (ctx) => {
    // "电话说错了 正确的是159…" right after registering: the case's contact is corrected (masked when said back)
    const fix = contactFixOf(ctx.text, deps.phrases);
    const latest = fix ? (await deps.cases.listForUser(ctx.message.channel, ctx.message.userId))[0] : undefined;
    if (fix && latest) {
      const c = await deps.cases.updateContact(latest.number, fix, `${ctx.message.channel}:${ctx.message.userId}`);
      const contact = [c.complainant.name ? maskName(c.complainant.name) : '', c.complainant.phone ? maskPhone(c.complainant.phone) : ''].filter(Boolean).join(' ');
      return { reply: textReply(deps.phrases.render('case_contact_fixed', { number: c.number, contact })) };
    }
    const own = deps.phrases.intakeQuestion(ctx.text);
    const status = await progress(ctx);
    // how long, or "再说一遍我的编号": the case's own progress (its number, status and answer date) is the answer
    if (!own || STATUS_ANSWERS.has(own)) return status;
    return { ...status, reply: textReply(deps.phrases.render(own), ...status.reply.parts) };
  };
}
