import type { CaseService } from '../../cases/index.js';
import type { CaseEvents, CaseEventMap } from '../../cases/events.js';
import { APPLY_FOR_INFO } from '../router.js';
import { textReply } from '../../core/message.js';
import type { Feature, FeatureContext } from '../../features.js';
import { InterviewService } from '../../interviews/index.js';
import { ReplyReader } from '../reply.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../types.js';
import { formatSlot, type FlowDeps } from './deps.js';
import { handoffNowHandler } from './handoff-now.js';
import { INTAKE_STATE, pendingIntake, startIntake } from './intake.js';
import { isAccount } from './intake-fields.js';
import { interviewHandler, INTERVIEW_STATE, pendingInterviewHandler } from './interview.js';
import { CasePhrases, hasAny } from './phrases.js';
import { progressHandler } from './progress.js';
import { askSatisfaction, releaseQueuedFollowup, SATISFACTION_STATE, satisfactionHandler, tellTaken } from './satisfaction.js';
import { CASE_QUESTION_ROUTE, caseQuestionHandler } from './case-question.js';
import { WITHDRAW_ROUTE, WITHDRAWN_STATE, pendingWithdrawn, withdrawHandler } from './withdraw.js';
import { CONTACT_FIRST_STATE, contactFirstHandler, pendingContactFirst } from './contact-first.js';

/** How often booked interviews are checked for a reminder. */
const REMINDER_INTERVAL_MS = 10 * 60_000;

export interface CasesDialogueFeature extends Feature {
  interviews: InterviewService;
  cases: CaseService;
  caseEvents: CaseEvents;
  /** asks a 回访 question held back while the villager was in the middle of a flow, once it has ended */
  afterTurn: (ctx: DialogueContext, result: DialogueResult) => Promise<DialogueResult>;
}

/** "我的投诉" alone is a progress question, though the classifier reads it as a complaint. */
function complaintHandler(deps: FlowDeps, progress: IntentHandler): IntentHandler {
  const intake = startIntake(deps, 'complaint');
  return async (ctx) => (hasAny(ctx.text, deps.phrases.words.progress) && !isAccount(ctx.text) ? progress(ctx) : intake(ctx));
}

/** services whose own rules are about what gets posted: "where can I see …" is told where things are posted */
const POSTING_SERVICES = new Set(['sanzi', 'zhaotoubiao', 'yishenqing']);

/**
 * Formal 依申请公开 requests become cases; "is the 低保 list posted?" is answered from that service's rules;
 * "where can I see …" is told where things are posted.
 */
function disclosureHandler(deps: FlowDeps): IntentHandler {
  const intake = startIntake(deps, 'disclosure');
  return async (ctx) => {
    const service = ctx.classification?.service;
    if (service === APPLY_FOR_INFO || hasAny(ctx.text, deps.phrases.words.formalDisclosure)) return intake(ctx);
    const asksWhere = hasAny(ctx.text, deps.phrases.words.whereCue);
    const answer = service && !asksWhere && !POSTING_SERVICES.has(service) ? await deps.dispatch('policy_query', ctx) : undefined;
    return answer ?? { reply: textReply(deps.phrases.render('disclosure_where')) };
  };
}

/**
 * The villager's side of cases (issue 5): complaint / handoff / disclosure / petition intake with a
 * read-back, progress queries, the 回访 after a case is closed, and booking a 视频约谈.
 */
export function casesDialogueFeature(ctx: FeatureContext): CasesDialogueFeature {
  const logger = ctx.logger.child({ feature: 'cases-dialogue' });
  const phrases = CasePhrases.load(ctx.templatesDir);
  const interviews = new InterviewService({
    calendar: ctx.calendar, cases: ctx.cases, caseEvents: ctx.caseEvents, deliverer: ctx.deliverer,
    reminderText: (iv, leader) => phrases.render('interview_reminder', { number: iv.caseNumber, slot: iv.bookedAt ? formatSlot(phrases, iv.bookedAt) : '', leader: leader?.name ?? '' }),
  });
  const replies = ReplyReader.load(ctx.templatesDir);
  const deps: FlowDeps = { cases: ctx.cases, caseEvents: ctx.caseEvents, phrases, replies, deliverer: ctx.deliverer, interviews, logger, dispatch: ctx.dispatch };
  const progress = progressHandler(deps);
  const onUpdated = (...[record, change]: CaseEventMap['updated']): void => {
    if (change.action === 'take') {
      tellTaken(deps, record).catch((err: unknown) => logger.error({ err, caseNumber: record.number }, 'the villager could not be told the case was taken'));
      return;
    }
    if (change.action !== 'close') return;
    askSatisfaction(deps, record).catch((err: unknown) => logger.error({ err, caseNumber: record.number }, '回访 question could not be sent'));
  };
  ctx.caseEvents.on('updated', onUpdated);
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'cases-dialogue',
    interviews,
    cases: ctx.cases,
    caseEvents: ctx.caseEvents,
    afterTurn: releaseQueuedFollowup(deps),
    handlers: {
      complaint: complaintHandler(deps, progress),
      handoff: startIntake(deps, 'handoff'),
      info_disclosure: disclosureHandler(deps),
      progress_query: progress,
      interview: interviewHandler(deps),
      [`pending:${INTAKE_STATE}`]: pendingIntake(deps),
      handoff_now: handoffNowHandler(deps),
      [CASE_QUESTION_ROUTE]: caseQuestionHandler(deps, progress),
      [WITHDRAW_ROUTE]: withdrawHandler(deps),
      [`pending:${WITHDRAWN_STATE}`]: pendingWithdrawn(deps),
      [CONTACT_FIRST_STATE]: contactFirstHandler(deps),
      [`pending:${CONTACT_FIRST_STATE}`]: pendingContactFirst(deps),
      [`pending:${SATISFACTION_STATE}`]: satisfactionHandler(deps),
      [`pending:${INTERVIEW_STATE}`]: pendingInterviewHandler(deps),
    },
    start: async () => {
      timer = setInterval(() => {
        interviews.sendDueReminders().catch((err: unknown) => logger.error({ err }, 'interview reminders failed'));
      }, REMINDER_INTERVAL_MS);
      timer.unref();
    },
    stop: async () => {
      clearInterval(timer);
      ctx.caseEvents.off('updated', onUpdated);
    },
  };
}
