import { unsureRoute } from './router.js';
import type { DialogueContext, DialogueResult } from './types.js';

export type Dispatch = (route: string, ctx: DialogueContext) => Promise<DialogueResult | undefined>;

/**
 * A message that did not answer the question the bot was waiting on: handled as a new message
 * (clarification when the classifier is unsure, else its intent, else the fallback), the question dropped.
 */
export async function routeAsNew(ctx: DialogueContext, dispatch: Dispatch, fallback: () => DialogueResult): Promise<DialogueResult> {
  const cleared = { ...ctx, conversation: { ...ctx.conversation, pending: undefined, pendingData: undefined } };
  const c = ctx.classification;
  const route = !c ? 'fallback' : c.shouldClarify ? unsureRoute(c, () => true, ctx.text) : c.intent;
  const result = (await dispatch(route, cleared)) ?? (await dispatch('fallback', cleared)) ?? fallback();
  return { ...result, pending: result.pending ?? null };
}
