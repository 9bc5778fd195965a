import { maskedContact } from '../../cases/index.js';
import { textReply } from '../../core/message.js';
import { routeAsNew } from '../route-again.js';
import type { DialogueContext, IntentHandler } from '../types.js';
import type { FlowDeps } from './deps.js';
import { contactOnly } from './intake-fields.js';

/**
 * Contact given before the matter ("先记个电话 159…", "我叫罗秀珍"): kept while the villager goes on, said back masked,
 * and the matter asked for; the next message that is not more contact is handled as itself, and a complaint or a
 * request for a person started by it carries the contact (nothing the villager typed is lost).
 */
export const CONTACT_FIRST_STATE = 'contact_first';

type Contact = { name?: string; phone?: string };

/** A message that only gives a name or a phone (not 匿名 alone, not an ID number alone). */
export function givesContactFirst(text: string, phrases: FlowDeps['phrases']): Contact | undefined {
  const c = contactOnly(text, phrases);
  if (!c || c.anonymous || (!c.name && !c.phone)) return undefined;
  return { ...(c.name ? { name: c.name } : {}), ...(c.phone ? { phone: c.phone } : {}) };
}

function readContact(data: unknown): Contact {
  const d = data as Contact | undefined;
  return { ...(typeof d?.name === 'string' ? { name: d.name } : {}), ...(typeof d?.phone === 'string' ? { phone: d.phone } : {}) };
}

function noted(deps: FlowDeps, contact: Contact): ReturnType<IntentHandler> {
  return Promise.resolve({ reply: textReply(deps.phrases.render('contact_first_noted', { contact: maskedContact(contact) })), pending: CONTACT_FIRST_STATE, pendingData: contact });
}

/** route `contact_first`: the contact kept, the matter asked for. */
export function contactFirstHandler(deps: FlowDeps): IntentHandler {
  return (ctx) => noted(deps, givesContactFirst(ctx.text, deps.phrases) ?? {});
}

/** `pending:contact_first`: more contact is added; anything else is handled as itself, carrying the contact. */
export function pendingContactFirst(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const kept = readContact(ctx.conversation.pendingData);
    const more = givesContactFirst(ctx.text, deps.phrases);
    if (more) return noted(deps, { ...kept, ...more });
    const carried: DialogueContext = { ...ctx, carriedContact: kept };
    return routeAsNew(carried, deps.dispatch, () => ({ reply: textReply(deps.phrases.render('contact_first_noted', { contact: '' })) }));
  };
}
