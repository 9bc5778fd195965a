import { textReply } from '../core/message.js';
import { showMenu } from '../dialogue/help-menu.js';
import { ReplyReader } from '../dialogue/reply.js';
import type { DialogueResult, HandlerTable } from '../dialogue/types.js';
import type { Feature, FeatureContext } from '../features.js';
import { loadRenderContext } from './answer-phrases.js';
import { loadRetrievalWords } from './facts.js';
import { checklistHandler } from './handlers/checklist.js';
import { contactHandler } from './handlers/contact.js';
import type { AnswerDeps } from './handlers/context.js';
import { feedbackHandler } from './handlers/feedback.js';
import { buildOfficeDirectory, CONTACT_KEYS } from './handlers/office-directory.js';
import { pendingChecklistHandler, type Delegate } from './handlers/pending-checklist.js';
import { offerHandoffAnswer } from './handlers/offer-handoff.js';
import { asksRuleOf, followUpFact, OFFER_HANDOFF_STATE, policyHandler } from './handlers/policy.js';
import { questionAsideHandler } from './handlers/question-aside.js';
import { conductRuleHandler, ruleStatementHandler } from './handlers/rule-statement.js';
import { suggestionHandler } from './handlers/suggestion.js';
import { RedirectDirectory, redirectFollowUpHandler, redirectHandler } from './redirects.js';
import { storePublishedTemplates, type PublishedTemplates } from './published-templates.js';
import { ASK_SERVICE_STATE, askServiceAnswer } from './handlers/ask-service.js';

export { ANSWER_FLOW_KEYS } from './handlers/context.js';
/** Phrases of templates/answers.yml the contact, suggestion and feedback handlers use. */
export const OFFICE_AND_THANKS_KEYS = [...CONTACT_KEYS, 'suggestion_thanks', 'feedback_thanks', 'feedback_unsatisfied', 'feedback_unsatisfied_words'] as const;
export type { PublishedTemplates } from './published-templates.js';

export interface AnswersFeatureOptions {
  /** where answers come from; default: the template store's published versions, seeded from templates/ */
  templates?: PublishedTemplates;
  /**
   * Answers a message that leaves the checklist flow (a complaint while materials are being gathered). By
   * default: this feature's own intents, then any feature's handler through `ctx.dispatch`, then the plain
   * system phrases; when nobody takes it, "please say it again".
   */
  delegate?: Delegate;
}

/**
 * Service answers and 一次性告知 checklists (issue 4), end to end: `policy_query`, `checklist` and the
 * `pending:checklist` follow-up where the villager says what they already have; `contact` (an office's address,
 * hours, phone), `suggestion` (stored, thanked) and `feedback` when no 回访 is pending (thanked, not recorded).
 */
export function answersFeature(ctx: FeatureContext, opts: AnswersFeatureOptions = {}): Feature {
  const logger = ctx.logger.child({ feature: 'answers' });
  const templates = opts.templates ?? storePublishedTemplates(ctx.templates, ctx.templatesDir, logger);
  const deps: AnswerDeps = { templates, render: loadRenderContext(ctx.templatesDir), retrieval: loadRetrievalWords(ctx.templatesDir), logger, dispatch: ctx.dispatch };
  const replies = ReplyReader.load(ctx.templatesDir);
  const fallback = (): DialogueResult => ({ reply: textReply(ctx.messages.render('fallback')) });
  const decline = showMenu(ctx.messages, 'out_of_scope_decline');
  const directory = RedirectDirectory.load(ctx.templatesDir);
  const redirect = redirectHandler(directory, deps.render);
  const own: HandlerTable = {
    policy_query: policyHandler(deps),
    checklist: checklistHandler(deps),
    contact: contactHandler(deps, buildOfficeDirectory(deps.render)),
    suggestion: suggestionHandler(deps),
    feedback: feedbackHandler(deps),
    rule_statement: ruleStatementHandler(deps),
    conduct_rule: conductRuleHandler(deps),
    question_aside: questionAsideHandler(deps),
    // chit-chat is declined with the menu, unless it is a follow-up the last service's rules answer
    // (a message re-routed from a waiting flow reaches here without the router's redirect check: so it is made here too)
    out_of_scope: async (dctx) => (await followUpFact(deps, dctx)) ?? (directory.find(dctx.text) ? redirect(dctx) : decline(dctx)),
    redirect,
    redirect_followup: redirectFollowUpHandler(directory, deps.render),
  };
  const delegate: Delegate = opts.delegate ?? (async (route, dctx) => {
    const handler = own[route];
    if (handler) return handler(dctx);
    return (await ctx.dispatch(route, dctx)) ?? (ctx.messages.has(route) ? { reply: textReply(ctx.messages.render(route)) } : undefined);
  });
  return {
    name: 'answers',
    handlers: {
      ...own,
      'pending:checklist': pendingChecklistHandler(deps, delegate, replies, (text) => directory.find(text) !== undefined),
      [`pending:${ASK_SERVICE_STATE}`]: askServiceAnswer(deps, replies, ctx.dispatch, fallback),
      [`pending:${OFFER_HANDOFF_STATE}`]: offerHandoffAnswer(replies, ctx.dispatch, fallback, () => ctx.messages.render('thanks_bye'), (dctx) => asksRuleOf(deps, dctx), (text) => deps.retrieval.asksStaff(text)),
    },
    start: async () => { await templates.refresh(); },
  };
}
