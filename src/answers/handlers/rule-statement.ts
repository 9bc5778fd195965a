import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../../dialogue/types.js';
import { timeLines } from '../render-sections.js';
import { isSendableToVillagers } from '../service-template.schema.js';
import { serviceOf, type AnswerDeps } from './context.js';
import { ruleAnswerOf } from './policy.js';

/**
 * Route `rule_statement`: the time limits a service's rules set, with their source — said before an intake
 * when a complaint or request cites them (招标公告 7 days before bidding, 低保 approval days, 依申请公开
 * 15+15 working days, 信访 15/60/30 days). Empty when the service has none (the caller then says nothing).
 */
export function ruleStatementHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    await deps.templates.refresh();
    const id = serviceOf(ctx);
    const t = id ? deps.templates.get(id) : undefined;
    if (!t || !isSendableToVillagers(t) || t.timeLimits.length === 0) return { reply: textReply() };
    const p = deps.render.phrases;
    // the rule the message asks about (an FAQ entry: "经办人不给办 他们要走什么手续" is 否定报备; an aspect: "…咋申请" is
    // the procedure), else the time limits
    const fact = ruleAnswerOf(deps, ctx.text, t);
    if (fact && !fact.pending) return { reply: textReply(p.render('rule_statement_fact', { answer: fact.text })), lastService: t.id };
    return { reply: textReply(p.render('rule_statement', { service: t.name, lines: timeLines(t, deps.render).join('\n') })), lastService: t.id };
  };
}
