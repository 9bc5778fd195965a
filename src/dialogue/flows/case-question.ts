import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../types.js';
import type { FlowDeps } from './deps.js';

/**
 * A question about the matter the villager just reported, asked after it was registered ("好多天能给个说法嘛",
 * "处理完了会回访我不", "要是处理得不好咋办"): the same questions the intake answers while it is open
 * (templates/cases-dialogue.yml `intakeQuestions`). When it asks how long, the case's own progress and
 * answer date are the answer; otherwise the rule, then the progress.
 */
export const CASE_QUESTION_ROUTE = 'case_question';

export function caseQuestionHandler(deps: FlowDeps, progress: IntentHandler): IntentHandler {
  return async (ctx) => {
    const own = deps.phrases.intakeQuestion(ctx.text);
    const status = await progress(ctx);
    if (!own || own === 'intake_question_reply_time') return status;
    return { ...status, reply: textReply(deps.phrases.render(own), ...status.reply.parts) };
  };
}
