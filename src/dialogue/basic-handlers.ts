import type { SystemMessages } from '../answers/catalog.js';
import { recordUnanswered } from '../answers/unanswered.model.js';
import { textReply } from '../core/message.js';
import { showMenu } from './help-menu.js';
import type { HandlerTable } from './types.js';

/**
 * The handlers every deployment has: greeting, help, goodbye, fallback, clarification,
 * and the replies to events, media and empty messages. Words come from templates/system.yml.
 */
export function basicHandlers(messages: SystemMessages, labelIntent: (intent: string, service?: string) => string): HandlerTable {
  const say = (key: string) => async () => ({ reply: textReply(messages.render(key)) });
  return {
    welcome: say('greeting'),
    greeting: say('greeting'),
    help: showMenu(messages, 'help'),
    stuck: showMenu(messages, 'stuck_menu'),
    said_before: say('said_before'),
    decline_again: say('decline_again'),
    thanks_bye: async () => ({ reply: textReply(messages.render('thanks_bye')), pending: null }),
    media: say('media_unsupported'),
    empty: say('empty_message'),
    silent: async () => ({ reply: textReply() }),
    fallback: async (ctx) => {
      // counted for the report's backlog (群众咨询梳理分析): what the bot did not understand
      await recordUnanswered({ channel: ctx.message.channel, text: ctx.text, reason: 'fallback', intent: ctx.classification?.intent, service: ctx.classification?.service });
      return { reply: textReply(messages.render('fallback')) };
    },
    // chit-chat and matters nobody in the directory handles: declined politely, with the menu (its numbers work)
    out_of_scope: showMenu(messages, 'out_of_scope_decline'),
    private_only: say('private_only'),
    // the two likeliest readings as numbered choices (1/2, 第一个, or the option's words answer it: clarify-answer.ts)
    clarify: async (ctx) => {
      const [first, second] = ctx.classification?.top ?? [];
      if (!first || !second) return { reply: textReply(messages.render('fallback')) };
      const service = ctx.classification?.service;
      const [a, b] = [labelIntent(first.intent, service), labelIntent(second.intent, service)];
      const labels = [a, b];
      const text = messages.render('clarify', { first: a, second: b });
      return { reply: textReply(text), pending: 'clarify', pendingData: { options: [first.intent, second.intent], labels, service, text: ctx.text } };
    },
  };
}
