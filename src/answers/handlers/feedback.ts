import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../../dialogue/types.js';
import type { AnswerDeps } from './context.js';
import { splitList } from './office-directory.js';

/**
 * feedback with no 回访 pending ("满意", "差评" out of the blue): thanks and a pointer to 人工; "还没解决" out of the
 * blue gets how to go on — tell what is left, a person, the video interview (000 §3 第五条). No rating is recorded:
 * there is no case it belongs to (a pending follow-up goes to `pending:satisfaction` instead).
 */
export function feedbackHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    const p = deps.render.phrases;
    const unhappy = splitList(p.render('feedback_unsatisfied_words')).some((w) => ctx.text.includes(w));
    return { reply: textReply(p.render(unhappy ? 'feedback_unsatisfied' : 'feedback_thanks')) };
  };
}
