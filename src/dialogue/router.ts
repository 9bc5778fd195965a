import type { DialogueContext, HandlerTable } from './types.js';

/** Routes that exist whatever the intents data says. */
export const BUILTIN_ROUTES = ['welcome', 'silent', 'media', 'empty', 'clarify', 'fallback', 'private_only'] as const;

export interface RoutingRules {
  /** intents never handled in a group chat (the villager is asked to write privately) */
  privateInGroups: ReadonlySet<string>;
}

const WELCOME_EVENTS = new Set(['subscribe', 'SCAN']);
const SILENT_EVENTS = new Set(['unsubscribe', 'VIEW', 'TEMPLATESENDJOBFINISH', 'LOCATION']);

/**
 * Chooses the handler for a turn: platform events first, then a conversation that is waiting
 * for something (pending state), then clarification when the classifier is unsure, then the intent.
 */
export function chooseRoute(ctx: DialogueContext, handlers: HandlerTable, rules?: RoutingRules): string {
  const { message, classification, conversation } = ctx;
  if (message.kind === 'event') {
    const name = message.event?.name ?? '';
    if (WELCOME_EVENTS.has(name)) return 'welcome';
    if (SILENT_EVENTS.has(name) || !ctx.text) return 'silent';
  }
  if (message.kind === 'media') return 'media';
  if (!ctx.text.trim()) return 'empty';
  const pendingRoute = conversation.pending ? `pending:${conversation.pending}` : undefined;
  if (pendingRoute && handlers[pendingRoute]) return pendingRoute;
  if (!classification) return 'fallback';
  if (message.groupId && rules?.privateInGroups.has(classification.intent)) return 'private_only';
  if (classification.shouldClarify) return 'clarify';
  return handlers[classification.intent] ? classification.intent : 'fallback';
}
