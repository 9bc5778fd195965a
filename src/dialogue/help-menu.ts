import type { SystemMessages } from '../answers/catalog.js';
import { textReply } from '../core/message.js';
import type { ReplyReader } from './reply.js';
import { routeAsNew, type Dispatch } from './route-again.js';
import type { DialogueResult, IntentHandler } from './types.js';

export const HELP_MENU_STATE = 'help_menu';

/** The routes behind the numbered lines of the help menu (templates/system.yml `help_routes`, "|"-separated, in order). */
export function helpRoutes(messages: SystemMessages): string[] {
  return messages.render('help_routes').split('|').map((r) => r.trim()).filter(Boolean);
}

/** The help menu (or the polite decline that shows it): its numbers can be answered next. */
export function showMenu(messages: SystemMessages, key: string): IntentHandler {
  return async () => ({ reply: textReply(messages.render(key)), pending: HELP_MENU_STATE, pendingData: { routes: helpRoutes(messages) } });
}

/**
 * `pending:help_menu`: "1" … "6", "第三个" or the line's words pick a line of the menu and run its route as if the
 * villager had asked for it; anything else is a new message.
 */
export function helpMenuAnswer(messages: SystemMessages, replies: ReplyReader, dispatch: Dispatch): IntentHandler {
  return async (ctx) => {
    const routes = helpRoutes(messages);
    // "1. 问政策：如…" → "问政策": the line's name picks it, not its example
    const labels = messages.render('help').split('\n').slice(1).map((line) => line.replace(/^\d+\.\s*/, '').split(/[：:]/)[0] ?? '');
    const m = replies.read(ctx.text, labels);
    const route = m.kind === 'choose' ? routes[m.index] : m.kind === 'person' ? 'handoff' : undefined;
    const fallback = (): DialogueResult => ({ reply: textReply(messages.render('fallback')) });
    if (!route) return routeAsNew(ctx, dispatch, fallback);
    const classification = { intent: route, confidence: 1, top: [{ intent: route, score: 1 }], shouldClarify: false };
    // a menu line starts afresh: not about the service talked of before
    const picked = { ...ctx, classification, conversation: { ...ctx.conversation, pending: undefined, pendingData: undefined, lastService: undefined } };
    const result = (await dispatch(route, picked)) ?? fallback();
    return { ...result, pending: result.pending ?? null };
  };
}
