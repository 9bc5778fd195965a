import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../../dialogue/types.js';
import type { AnswerDeps } from './context.js';

/**
 * feedback with no 回访 pending ("满意", "差评" out of the blue): thanks and a pointer to 人工. No rating is
 * recorded: there is no case it belongs to (a pending follow-up goes to `pending:satisfaction` instead).
 */
export function feedbackHandler(deps: AnswerDeps): IntentHandler {
  return async () => ({ reply: textReply(deps.render.phrases.render('feedback_thanks')) });
}
