import { textReply } from '../../core/message.js';
import type { ReplyReader } from '../../dialogue/reply.js';
import { GENERIC } from '../../dialogue/clarify-answer.js';
import { routeAsNew, type Dispatch } from '../../dialogue/route-again.js';
import type { DialogueResult, IntentHandler } from '../../dialogue/types.js';
import { isServiceId } from '../published-templates.js';
import { SERVICE_IDS, isSendableToVillagers, type ServiceTemplate } from '../service-template.schema.js';
import type { AnswerDeps } from './context.js';

/** The bot asked which service a question is about ("您想问哪一项的政策？" with the services numbered). */
export const ASK_SERVICE_STATE = 'ask_service';

interface AskServiceState {
  /** what the question will be answered as once the service is known */
  route: 'policy_query' | 'checklist';
  services: string[];
  /** the message that needed a service: answered again with the chosen one ("救济咋个申请" → 临时救济) */
  text?: string;
}

function readState(data: unknown): AskServiceState | undefined {
  const d = data as Partial<AskServiceState> | undefined;
  if ((d?.route !== 'policy_query' && d?.route !== 'checklist') || !Array.isArray(d.services)) return undefined;
  return { route: d.route, services: d.services.filter((s): s is string => typeof s === 'string'), ...(typeof d.text === 'string' ? { text: d.text } : {}) };
}

/** "Which service?" listing every service villagers may ask about, numbered; the reply picks one by number or name. */
export function askService(deps: AnswerDeps, key: 'ask_service' | 'ask_service_checklist', text?: string): DialogueResult {
  const templates = SERVICE_IDS.map((id) => deps.templates.get(id)).filter((t): t is ServiceTemplate => t !== undefined && isSendableToVillagers(t));
  const p = deps.render.phrases;
  const services = templates.map((t, i) => p.render('ask_service_line', { n: i + 1, name: t.name })).join('\n');
  const state: AskServiceState = { route: key === 'ask_service' ? 'policy_query' : 'checklist', services: templates.map((t) => t.id), ...(text ? { text } : {}) };
  return { reply: textReply(p.render(key, { services })), pending: ASK_SERVICE_STATE, pendingData: state };
}


/**
 * `pending:ask_service`: a number ("2", "第二个"), a service's name or words ("低保", "救灾的") pick the service and the
 * first question is answered about it; anything else is a new message.
 */
export function askServiceAnswer(deps: AnswerDeps, replies: ReplyReader, dispatch: Dispatch, fallback: () => DialogueResult): IntentHandler {
  return async (ctx) => {
    const state = readState(ctx.conversation.pendingData);
    const c = ctx.classification;
    if (!state || !c) return routeAsNew(ctx, dispatch, fallback);
    const names = state.services.map((id) => (isServiceId(id) ? deps.templates.get(id)?.name : undefined) ?? id);
    const m = replies.read(ctx.text, names);
    const chosen = m.kind === 'choose' ? state.services[m.index] : undefined;
    // a service named with nothing else to it ("低保的", "救灾那个") keeps the first question; a question of its own
    // ("五保供养有啥条件") is routed as new
    const named = !chosen && c.service && !c.serviceFromContext && (c.shouldClarify || GENERIC.has(c.intent)) ? c.service : undefined;
    const service = chosen ?? named;
    if (!service) return routeAsNew(ctx, dispatch, fallback);
    const again = {
      ...ctx,
      text: state.text ?? ctx.text,
      classification: { ...c, intent: state.route, service, serviceFromContext: false, shouldClarify: false },
      conversation: { ...ctx.conversation, pending: undefined, pendingData: undefined, lastService: service },
    };
    const result = (await dispatch(state.route, again)) ?? fallback();
    return { ...result, pending: result.pending ?? null };
  };
}
