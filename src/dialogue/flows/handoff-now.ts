import type { DialogueContext, DialogueResult, IntentHandler } from '../types.js';
import { textReply } from '../../core/message.js';
import type { FlowDeps } from './deps.js';
import { createdReply, register } from './intake.js';

/**
 * A person, now: registers a handoff case (咨询转人工) about `what` and tells its number, office and date —
 * the way out of every flow that missed twice.
 */
export async function handoffNow(deps: FlowDeps, ctx: DialogueContext, what: string, service?: string): Promise<DialogueResult> {
  const m = ctx.message;
  const data = { kind: 'handoff' as const, step: 'confirm' as const, fields: { what, ...(service ? { service } : {}) }, intakeId: `${m.channel}:${m.messageId}` };
  const record = await register(deps, ctx, data);
  return { reply: textReply(await createdReply(deps, record)), pending: null, lastService: record.service ?? undefined };
}

/**
 * Route `handoff_now` for other features (clarification, checklist follow-up, an unanswered question):
 * the case is about `pendingData.handoffAbout` when the caller put it there, else about the message itself.
 */
export function handoffNowHandler(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const data = ctx.conversation.pendingData as { handoffAbout?: unknown; service?: unknown } | undefined;
    const about = typeof data?.handoffAbout === 'string' && data.handoffAbout ? data.handoffAbout : ctx.text;
    const service = typeof data?.service === 'string' ? data.service : ctx.classification?.service;
    return handoffNow(deps, ctx, about, service);
  };
}
