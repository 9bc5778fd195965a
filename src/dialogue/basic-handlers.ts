import type { SystemMessages } from '../answers/catalog.js';
import { textReply } from '../core/message.js';
import type { ClarifyChoices, HandlerTable } from './types.js';

/**
 * The handlers every deployment has: greeting, help, goodbye, fallback, clarification,
 * and the replies to events, media and empty messages. Words come from templates/system.yml.
 */
export function basicHandlers(messages: SystemMessages, labelIntent: (intent: string, service?: string) => string): HandlerTable {
  const say = (key: string) => async () => ({ reply: textReply(messages.render(key)) });
  return {
    welcome: say('greeting'),
    greeting: say('greeting'),
    help: say('help'),
    thanks_bye: async () => ({ reply: textReply(messages.render('thanks_bye')), pending: null }),
    media: say('media_unsupported'),
    empty: say('empty_message'),
    silent: async () => ({ reply: textReply() }),
    fallback: say('fallback'),
    private_only: say('private_only'),
    // the two likeliest readings as numbered choices (1/2, 第一个, or the option's words answer it: clarify-answer.ts)
    clarify: async (ctx) => {
      const [first, second] = ctx.classification?.top ?? [];
      if (!first || !second) return { reply: textReply(messages.render('fallback')) };
      const service = ctx.classification?.service;
      const labels: [string, string] = [labelIntent(first.intent, service), labelIntent(second.intent, service)];
      const text = messages.render('clarify', { first: labels[0], second: labels[1] });
      const choices: ClarifyChoices = { options: [first.intent, second.intent], labels, ...(service ? { service } : {}) };
      return { reply: textReply(text), pending: 'clarify', pendingData: choices };
    },
  };
}
