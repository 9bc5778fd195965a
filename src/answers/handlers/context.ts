import type { Dispatch } from '../../dialogue/route-again.js';
import type { DialogueContext, DialogueResult } from '../../dialogue/types.js';
import { textReply } from '../../core/message.js';
import type { Logger } from '../../logger.js';
import { officeOf, type RenderContext } from '../answer-phrases.js';
import type { RetrievalWords } from '../facts.js';
import { isServiceId, type PublishedTemplates } from '../published-templates.js';
import { InternalTemplateError } from '../render-policy.js';
import type { ServiceId, ServiceTemplate } from '../service-template.schema.js';

/** Phrases of templates/answers.yml the handlers use (besides the renderers' PHRASE_KEYS). */
export const ANSWER_FLOW_KEYS = [
  'ask_service', 'ask_service_checklist', 'ask_service_line', 'checklist_command', 'checklist_asks', 'checklist_record', 'checklist_waiting', 'checklist_released', 'internal_refused',
  'fact_answer', 'fact_missing_lead', 'fact_offer', 'fact_asked_staff', 'checklist_no_list', 'checklist_ack', 'checklist_thanks', 'checklist_aside', 'checklist_aside_again', 'checklist_choices', 'checklist_person_about', 'checklist_stopped',
  'redirect_answer', 'redirect_more', 'redirect_followup', 'redirect_contact_where', 'redirect_contact_how', 'redirect_none', 'rule_statement', 'rule_offer_next',
] as const;

/** What the answer handlers share. */
export interface AnswerDeps {
  templates: PublishedTemplates;
  render: RenderContext;
  /** stopwords and synonyms of the fact retrieval (templates/retrieval.yml) */
  retrieval: RetrievalWords;
  logger: Logger;
  /** any feature's handler by route (a 咨询转人工 case through `handoff_now`); absent in unit tests */
  dispatch?: Dispatch;
}

/** The service a turn is about: the classifier's, or the one the conversation was about ("那要多久呢"). */
export function serviceOf(ctx: DialogueContext): ServiceId | undefined {
  const named = ctx.classification?.service;
  if (isServiceId(named)) return named;
  return isServiceId(ctx.conversation.lastService) ? ctx.conversation.lastService : undefined;
}

/**
 * Runs a rendering; an internal template (000 §1-6) becomes the `internal_refused` phrase and a warning in the
 * log, never its content.
 */
export async function refusingInternal(
  deps: AnswerDeps, t: ServiceTemplate, ctx: DialogueContext, run: () => Promise<DialogueResult>,
): Promise<DialogueResult> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof InternalTemplateError)) throw err;
    deps.logger.warn({ service: t.id, channel: ctx.message.channel, messageId: ctx.message.messageId }, 'internal template refused for a villager');
    const office = officeOf(deps.render, t.office).name;
    return { reply: textReply(deps.render.phrases.render('internal_refused', { office })), lastService: t.id };
  }
}

/** The record line appended to a notice: on the last part when it fits, else as a part of its own. */
export function withRecordLine(parts: string[], line: string, maxBytes: number): string[] {
  const last = parts.at(-1);
  if (last !== undefined && Buffer.byteLength(`${last}\n${line}`, 'utf8') <= maxBytes) return [...parts.slice(0, -1), `${last}\n${line}`];
  return [...parts, line];
}

/** The source of a notice: one per delivered message, whatever the retries. */
export const sourceId = (ctx: DialogueContext): string => `${ctx.message.channel}:${ctx.message.messageId}`;
