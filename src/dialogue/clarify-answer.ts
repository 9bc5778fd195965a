import type { SystemMessages } from '../answers/catalog.js';
import type { ClassificationResult } from '../pipeline/types.js';
import type { DialogueContext, DialogueResult, IntentHandler } from './types.js';

interface ClarifyState {
  options: string[];
  service?: string;
}

function readState(data: unknown): ClarifyState | undefined {
  const d = data as Partial<ClarifyState> | undefined;
  return Array.isArray(d?.options) && d.options.every((o) => typeof o === 'string') ? { options: d.options, service: typeof d.service === 'string' ? d.service : undefined } : undefined;
}

function words(messages: SystemMessages, key: string): string[] {
  return messages.render(key).split('|').map((w) => w.trim()).filter(Boolean);
}

/** Which offered reading the villager picked: by "第一个/第二个", or by saying one of them plainly. */
function picked(ctx: DialogueContext, state: ClarifyState, messages: SystemMessages): string | undefined {
  const text = ctx.text.replace(/\s/g, '');
  const short = text.length <= 8;
  if (short && words(messages, 'clarify_pick_first').some((w) => text.includes(w))) return state.options[0];
  if (short && words(messages, 'clarify_pick_second').some((w) => text.includes(w))) return state.options[1];
  const c = ctx.classification;
  return c && !c.shouldClarify && state.options.includes(c.intent) ? c.intent : undefined;
}

/**
 * The answer to "您是想…，还是…？": the chosen reading runs with the service of the first question;
 * anything else is routed as a new message (the question is dropped).
 */
export function clarifyAnswerHandler(
  messages: SystemMessages,
  dispatch: (route: string, ctx: DialogueContext) => Promise<DialogueResult | undefined>,
): IntentHandler {
  return async (ctx) => {
    const state = readState(ctx.conversation.pendingData);
    const choice = state ? picked(ctx, state, messages) : undefined;
    let route = choice;
    let classification: ClassificationResult | undefined = ctx.classification;
    if (choice && state && classification) classification = { ...classification, intent: choice, service: classification.service ?? state.service, shouldClarify: false };
    if (!route) route = !classification ? 'fallback' : classification.shouldClarify ? 'clarify' : classification.intent;
    const cleared = { ...ctx, classification, conversation: { ...ctx.conversation, pending: undefined, pendingData: undefined } };
    const result = (await dispatch(route, cleared)) ?? (await dispatch('fallback', cleared));
    return { ...(result ?? { reply: { parts: [messages.render('fallback')] } }), pending: result?.pending ?? null };
  };
}
