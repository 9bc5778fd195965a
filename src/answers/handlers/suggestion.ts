import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../../dialogue/types.js';
import { maskPersonalData } from '../../nlu/index.js';
import { isServiceId } from '../published-templates.js';
import { recordSuggestion } from '../suggestion.model.js';
import { sourceId, type AnswerDeps } from './context.js';

/**
 * suggestion: stores the (masked) suggestion once per delivered message and thanks the villager. A message that
 * alleges wrongdoing is classified as a complaint, not here.
 */
export function suggestionHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    const named = ctx.classification?.service;
    const { created } = await recordSuggestion({
      channel: ctx.message.channel,
      userId: ctx.message.userId,
      maskedText: maskPersonalData(ctx.text),
      service: isServiceId(named) ? named : undefined,
      sourceMessageId: sourceId(ctx),
    });
    if (created) deps.logger.info({ channel: ctx.message.channel, messageId: ctx.message.messageId }, 'suggestion recorded');
    return { reply: textReply(deps.render.phrases.render('suggestion_thanks')) };
  };
}
