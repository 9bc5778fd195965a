import type { SystemMessages } from '../answers/catalog.js';
import type { ClassificationResult } from '../pipeline/types.js';
import type { ClarifyChoices, DialogueContext, DialogueResult, IntentHandler } from './types.js';

type ClarifyState = ClarifyChoices;

const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((o) => typeof o === 'string');

function readState(data: unknown): ClarifyState | undefined {
  const d = data as Partial<ClarifyState> | undefined;
  if (!strings(d?.options)) return undefined;
  return { options: d.options, service: typeof d.service === 'string' ? d.service : undefined, ...(strings(d.labels) ? { labels: d.labels } : {}) };
}

/** The option whose offered words the reply repeats (查询办理进度 / 进度), when exactly one does. */
function byLabel(text: string, state: ClarifyState): string | undefined {
  if (text.length < 2 || !state.labels) return undefined;
  const hits = state.labels.map((l, i) => (l.includes(text) || text.includes(l) ? i : -1)).filter((i) => i >= 0);
  return hits.length === 1 ? state.options[hits[0] as number] : undefined;
}

function words(messages: SystemMessages, key: string): string[] {
  return messages.render(key).split('|').map((w) => w.trim()).filter(Boolean);
}

/** Which offered reading the villager picked: by "1/第一个/第二个", by the words it was offered with, or by saying one of them plainly. */
function picked(ctx: DialogueContext, state: ClarifyState, messages: SystemMessages): string | undefined {
  const text = ctx.text.replace(/\s/g, '');
  const short = text.length <= 8;
  if (short && words(messages, 'clarify_pick_first').some((w) => text.includes(w))) return state.options[0];
  if (short && words(messages, 'clarify_pick_second').some((w) => text.includes(w))) return state.options[1];
  const named = byLabel(text, state);
  if (named) return named;
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
