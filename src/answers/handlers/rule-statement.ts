import { textReply } from '../../core/message.js';
import type { IntentHandler } from '../../dialogue/types.js';
import { detectAspects } from '../render-policy.js';
import { timeLines } from '../render-sections.js';
import { isSendableToVillagers, SERVICE_IDS } from '../service-template.schema.js';
import { serviceOf, type AnswerDeps } from './context.js';
import { ruleAnswerOf } from './policy.js';
import { bestScoredFact, FULL_MATCH } from '../fact-match.js';
import { isServiceId } from '../published-templates.js';

/**
 * Route `rule_statement`: the rule a complaint or request cites, said before an intake (招标公告 7 days before bidding,
 * 低保 approval days, 依申请公开 15+15 working days, 信访 15/60/30 days): the service's FAQ entry or aspect the message
 * asks about, else how staff must act when that fits, else the service's time limits with their source. Empty when
 * none of these is on file (the caller then says nothing).
 */
export function ruleStatementHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    await deps.templates.refresh();
    const id = serviceOf(ctx);
    const t = id ? deps.templates.get(id) : undefined;
    if (!t || !isSendableToVillagers(t)) return { reply: textReply() };
    const p = deps.render.phrases;
    // the rule the message asks about (an FAQ entry: "经办人不给办 他们要走什么手续" is 否定报备; an aspect: "…咋申请" is
    // the procedure), else how staff must act when that fits ("残疾证 推来推去没人管 这样对不对": 首问负责), else the
    // time limits
    const fact = ruleAnswerOf(deps, ctx.text, t);
    // "上访递了材料 到现在都没说受不受理": a story naming the materials handed in cites no list of materials
    const namesMaterials = fact && !fact.faq && detectAspects(deps.retrieval.standard(ctx.text))[0] === 'materials';
    if (fact && !fact.pending && !namesMaterials) return { reply: textReply(p.render('rule_statement_fact', { answer: fact.text })), lastService: t.id };
    const conduct = conductFact(deps, ctx.text);
    if (conduct) return { reply: textReply(p.render('rule_statement_fact', { answer: conduct })), lastService: t.id };
    if (t.timeLimits.length === 0) return { reply: textReply() };
    return { reply: textReply(p.render('rule_statement', { service: t.name, lines: timeLines(t, deps.render).join('\n') })), lastService: t.id };
  };
}

/**
 * How staff must act, for a complaint about it that cites a rule (retrieval.yml `conductService`'s FAQ entries —
 * 否定报备, 首问负责, 收件回执): the entry holding every content word of the complaint, else undefined.
 */
function conductFact(deps: AnswerDeps, text: string): string | undefined {
  const id = deps.retrieval.conductService;
  const t = isServiceId(id) ? deps.templates.get(id) : undefined;
  if (!t || !isSendableToVillagers(t)) return undefined;
  // the service a complaint names says nothing of how staff acted ("申请临时救济 那人张嘴就说不行")
  const names = SERVICE_IDS.flatMap((id) => { const s = deps.templates.get(id); return s ? [s.name, ...s.aliases] : []; }).sort((a, b) => b.length - a.length);
  const about = names.reduce((q, n) => q.split(n).join(' '), deps.retrieval.standard(text));
  const scored = bestScoredFact(about, t, deps.render, deps.retrieval);
  return scored?.fact.faq && !scored.fact.pending && scored.score >= FULL_MATCH ? scored.fact.answer : undefined;
}

/**
 * Route `conduct_rule`: a complaint about how staff acted that names no service but cites a rule ("说办不了也不说为啥
 * 这样对吗"): the conduct rule that fits; empty otherwise (the intake carries on without a rule).
 */
export function conductRuleHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    await deps.templates.refresh();
    const conduct = conductFact(deps, ctx.text);
    return { reply: conduct ? textReply(deps.render.phrases.render('rule_statement_fact', { answer: conduct })) : textReply() };
  };
}
