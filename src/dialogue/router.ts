import { looksLikeQuestion } from './reply.js';
import type { DialogueContext, HandlerTable } from './types.js';

/** Routes that exist whatever the intents data says. */
export const BUILTIN_ROUTES = ['welcome', 'silent', 'media', 'empty', 'clarify', 'fallback', 'private_only'] as const;
/** issue 13: a villager asks to delete their records; WeChat says a follower left (both handled by src/retention) */
export const ERASE_ROUTE = 'erase_request';
export const UNSUBSCRIBED_ROUTE = 'unsubscribed';

export interface RoutingRules {
  /** intents never handled in a group chat (the villager is asked to write privately) */
  privateInGroups: ReadonlySet<string>;
  /** whole messages that ask to delete the villager's records (templates/dialogue.yml eraseCommands) */
  eraseCommands?: ReadonlySet<string>;
  /** intents (and `fallback`, `clarify`) that give way to a 首问 redirect when the message names another unit's matter */
  redirectFrom?: ReadonlySet<string>;
  /**
   * `services`: the one read in the message and the one talked of; a redirect wins unless one of them claims the
   * matter ("医保报销" read as 大病救济 is still the 医保's; "户口本有了" after 就业失业登记证 is a material)
   */
  isRedirect?: (text: string, services: string[], route?: string, previousReply?: string) => boolean;
  /** routes (and `fallback`, `clarify`) that give way to policy_query for a question the service's rules answer */
  ruleFrom?: ReadonlySet<string>;
  /** `service` undefined: no service named or talked of (the rules of any one service may still hold the question) */
  asksRule?: (text: string, service?: string, strict?: boolean) => boolean;
  /** the conversation's last intents after which a question about the reported matter goes to `case_question` */
  caseQuestionAfter?: ReadonlySet<string>;
  /** "算了 还是撤回吧", "那个举报我不告了": taking back a registered report (templates/cases-dialogue.yml words.withdraw) */
  asksWithdrawal?: (text: string) => boolean;
  /** "美得很 谢咧", "中 额等着": a short thanks or yes asking nothing */
  closesTalk?: (text: string) => boolean;
  /** "上次你们回了 但是根本没解决 我不满意": about an answer already given (cases-dialogue.yml answerUnsatisfied + earlierAnswer) */
  unhappyWithAnswer?: (text: string) => boolean;
  /** "你们镇上管这事不" right after a redirect (templates/redirects.yml followUps) */
  asksAfterRedirect?: (text: string, previousReply?: string) => boolean;
  /** words that settle an unsure policy/progress reading */
  unsureWords?: UnsureWords;
  /** "咋个申请": how to apply (templates/dialogue.yml applyCue), or someone's private data asked for (cases-dialogue.yml privateInfo) */
  asksToApply?: (text: string) => boolean;
  /** "不对 我说的是五保", "我问的是失业那个证": the villager corrects the service understood (templates/replies.yml deny, correct) */
  correctsService?: (text: string) => boolean;
  /** "那要是投诉呢 一般几天给结果": how long a report takes (templates/dialogue.yml reportWords + the reply-time question) */
  asksReportTime?: (text: string) => boolean;
  /** "我要投诉 …": the villager says they complain (templates/dialogue.yml complaintWords) */
  saysComplaint?: (text: string) => boolean;
  /** "我的名字会不会被他晓得", "我身份证号记对了没": a question about the villager's own data and its confidentiality */
  asksAboutOwnData?: (text: string) => boolean;
  /** a name or phone given before anything else ("先记个电话 159…"): kept for the matter that follows */
  givesContactFirst?: (text: string) => boolean;
  /** a name, phone, 匿名 or ID number given on its own (with a question about the case at most) */
  givesContact?: (text: string) => boolean;
  /** "好多天能给个说法", "会回访我不", "处理得不好咋办" (templates/cases-dialogue.yml intakeQuestions) */
  asksAboutCase?: (text: string) => boolean;
  /** the villager asks us to find out for them ("你帮我问一下嘛"): with the classifier unsure but leaning to a policy question, policy_query */
  asksStaff?: (text: string) => boolean;
  /**
   * Whether the service talked of keeps a turn the classifier read as `named` (named only by sound, or by a word of
   * the talked-of service's own conditions and materials): see {@link settleService}.
   */
  keepsTalkedService?: (text: string, named: string, talkedOf: string, inChecklist?: boolean) => boolean;
}

/**
 * The service of the turn, decided once before routing: a follow-up that names no other service in so many words is
 * about the service the conversation is about ("那啥子情况才可以申请" after 大病救济 is not 依申请公开; "我们不是五保户
 * 也可以吗" asks about 大病救济's conditions). Changes the classification in place, as if the service were carried over.
 */
export function settleService(ctx: DialogueContext, rules?: RoutingRules): void {
  const c = ctx.classification;
  const talkedOf = ctx.conversation.lastService;
  if (!c?.service || c.serviceFromContext || !talkedOf || c.service === talkedOf || !rules?.keepsTalkedService) return;
  if (!rules.keepsTalkedService(ctx.text, c.service, talkedOf, ctx.conversation.pending === 'checklist')) return;
  c.service = talkedOf;
  c.serviceFromContext = true;
}

/** the service of a request for information not yet published (002 依申请公开) */
export const APPLY_FOR_INFO = 'yishenqing';

/**
 * Wanting information and asking how to apply for it ("想要镇上去年补偿款的发放明细 网上没看到 咋个申请"), or asking to see
 * someone's private data ("那个低保户屋里收入好多"): 依申请公开's rules answer, whatever the information is about (eval
 * rule 8). Changes the classification in place.
 */
export function settleDisclosure(ctx: DialogueContext, rules?: RoutingRules): void {
  const c = ctx.classification;
  if (!c || c.shouldClarify || c.intent !== 'info_disclosure' || c.service === APPLY_FOR_INFO || !rules?.asksToApply?.(ctx.text)) return;
  c.service = APPLY_FOR_INFO;
  c.serviceFromContext = false;
}

/** A matter another unit handles (身份证 → 派出所), asked about without naming one of the township's services. */
function isRedirect(ctx: DialogueContext, handlers: HandlerTable, rules?: RoutingRules): boolean {
  const c = ctx.classification;
  if (!handlers.redirect || !rules?.isRedirect) return false;
  const route = !c ? 'fallback' : c.shouldClarify ? 'clarify' : c.intent;
  const services = [c?.service, ctx.conversation.lastService].filter((s): s is string => !!s);
  return (route === 'clarify' || (rules.redirectFrom?.has(route) ?? false)) && rules.isRedirect(ctx.text, services, route, ctx.conversation.loop?.lastReplyEnd);
}

/** an interview reading this likely is overridden by a rule question only when an FAQ entry holds the question whole */
const SURE = 0.97;

/** A question the rules of the service (named, or the one talked of) answer, read as something else ("多久告诉我受不受理"). */
function isRuleQuestion(ctx: DialogueContext, handlers: HandlerTable, rules?: RoutingRules): boolean {
  const c = ctx.classification;
  const service = c?.service ?? ctx.conversation.lastService;
  if (!c || !handlers.policy_query || !rules?.asksRule) return false;
  const route = c.shouldClarify ? 'clarify' : c.intent;
  if (!(rules.ruleFrom?.has(route) ?? false)) return false;
  // a reading the classifier is sure of ("俺想跟领导当面说道说道": interview) gives way only to a question one FAQ entry holds whole
  const sure = !c.shouldClarify && c.intent === 'interview' && c.confidence >= SURE;
  if (rules.asksRule(ctx.text, service, sure)) return true;
  // the policy answer says the rule, or registers a person at once when the rules on file do not say
  return !!service && c.shouldClarify && c.top[0]?.intent === 'policy_query' && (rules.asksStaff?.(ctx.text) ?? false);
}

/** readings never offered as a choice: "问其他事情" or "打个招呼" helps nobody decide */
const NOT_OFFERED = new Set(['out_of_scope', 'greeting', 'thanks_bye']);
/** a second reading this unlikely is not worth a clarifying question */
const NEGLIGIBLE = 0.05;
const STARTS_A_CASE = new Set(['complaint', 'handoff', 'interview', 'suggestion']);

/**
 * The route of an unsure reading: the clarifying question when both likeliest readings are worth offering; the
 * menu when one of them is 'help' (it lists everything, a person included); the one reading worth offering when the
 * other is chit-chat ("想办个证": the checklist, which asks which service); the likeliest when neither is.
 */
/** Word readers an unsure reading is settled with (templates/dialogue.yml asksRule, ownMatter). */
export interface UnsureWords {
  /** "啥时候发", "多久", "要走哪几步": when a service pays or decides, or its steps */
  asksRule(text: string): boolean;
  /** "我的", "俺家", "交上去了", a number: a matter of the villager's own */
  ownMatter(text: string): boolean;
}

export function unsureRoute(c: NonNullable<DialogueContext['classification']>, has: (route: string) => boolean, text = '', words?: UnsureWords): string {
  const [first, second] = c.top;
  if (!first || !second) return 'clarify';
  // "看看我能办什么" against a person or chit-chat: the menu lists both; against a matter, the question is asked
  const other = first.intent === 'help' ? second.intent : second.intent === 'help' ? first.intent : undefined;
  if (other !== undefined && (other === 'handoff' || NOT_OFFERED.has(other)) && has('help')) return 'help';
  // a cold "还没解决" is feedback with no question pending (capped on purpose): answered as such when nothing else is likely
  if (first.intent === 'feedback' && second.score < NEGLIGIBLE && has('feedback')) return 'feedback';
  // "五保户咋申请": a question about a service that might also want the checklist is answered (the answer offers the
  // checklist in one line), never asked back
  // (either way round: "那低保材料呢" after something else is the materials answer, which offers the whole checklist)
  const pair = new Set([first.intent, second.intent]);
  if (pair.has('policy_query') && pair.has('checklist') && has('policy_query')) return 'policy_query';
  // "村里公示的时候会公示些么子内容": a question about a service's rules, not a request to see something
  if (pair.has('policy_query') && pair.has('info_disclosure') && c.service && looksLikeQuestion(text) && has('policy_query')) return 'policy_query';
  // "家属那个优待金啥时候发 一直没看到": when a service pays or decides is its rule (nothing of it is registered here to
  // look up), not a clarifying question about progress
  // ("搞完了结果呢" after 三资's 5+2 steps: a follow-up about the rule, saying nothing of a matter of the villager's own)
  const aboutRule = !(words?.ownMatter(text) ?? true) && ((words?.asksRule(text) ?? false) || c.serviceFromContext === true);
  if (pair.has('policy_query') && pair.has('progress_query') && c.service && aboutRule && has('policy_query')) return 'policy_query';
  // "残疾证去哪办": where to go for a service is said with the service's office, not asked back
  if (first.intent === 'contact' && (second.intent === 'checklist' || second.intent === 'policy_query') && c.service && has('contact')) return 'contact';
  const offered = [first, second].filter((t) => !NOT_OFFERED.has(t.intent));
  if (offered.length === 2) return 'clarify';
  // a flow that registers something (a complaint intake) is not started on a second guess: the menu offers it
  const only = offered[0] && !(offered[0] === second && STARTS_A_CASE.has(second.intent)) ? offered[0].intent : first.intent;
  // a cold "满意" is capped below the line on purpose (feedback needs a matter): it is asked about, not filed
  return has(only) && only !== 'feedback' ? only : 'clarify';
}

/** A question about the matter just reported, naming no service of its own ("好多天能给个说法嘛" after a complaint). */
function isCaseQuestion(ctx: DialogueContext, handlers: HandlerTable, rules?: RoutingRules): boolean {
  const { classification: c, conversation } = ctx;
  if (!handlers.case_question) return false;
  // "我的名字身份证你们不会到处讲吧": about the villager's own data, whatever came before (never the 派出所's 身份证)
  if (rules?.asksAboutOwnData?.(ctx.text)) return true;
  // "投诉一般几天给结果", naming no service and telling no complaint: the villager's case if there is one, else the
  // reply rule (004 十.2) ("我要投诉 村干部办事拖拉 几天能给结果" is a complaint: its intake starts)
  const complains = c?.intent === 'complaint' && !c.shouldClarify;
  if (rules?.asksReportTime?.(ctx.text) && !complains && !(c?.service && !c.serviceFromContext)) return true;
  if (!conversation.lastIntent || !rules?.caseQuestionAfter?.has(conversation.lastIntent)) return false;
  // "俺叫王建国 电话158… 身份证号411…" right after registering: the contact of that case, whatever service it sounds like
  if (rules.givesContact?.(ctx.text)) return true;
  if (c?.service && !c.serviceFromContext) return false;
  return rules.asksAboutCase?.(ctx.text) ?? false;
}

/**
 * "不对 我说的是五保 不是低保" after an answer about a service: asked again about the one named (never on a sure
 * complaint: "不对 村主任把低保…"; never as the first thing said: "不是本村户口能办低保吗" corrects nothing).
 */
export function correctsService(ctx: DialogueContext, rules?: RoutingRules): boolean {
  const c = ctx.classification;
  const talkedOf = ctx.conversation.lastService;
  if (!c?.service || c.serviceFromContext || !talkedOf) return false;
  if (!c.shouldClarify && STARTS_A_CASE.has(c.intent)) return false;
  return rules?.correctsService?.(ctx.text) ?? false;
}

/** "我要投诉 …村里收支没公布" read unsure between a complaint and something else: the villager said which */
function saidComplaint(ctx: DialogueContext, handlers: HandlerTable, rules?: RoutingRules): boolean {
  const top = ctx.classification?.top.slice(0, 2) ?? [];
  return !!handlers.complaint && top.some((t) => t.intent === 'complaint') && (rules?.saysComplaint?.(ctx.text) ?? false);
}

/** unsure between feedback and a complaint, about an answer already given and not happy with it: the feedback reply */
function unhappyWithAnswer(ctx: DialogueContext, handlers: HandlerTable, rules?: RoutingRules): boolean {
  const top = new Set(ctx.classification?.top.slice(0, 2).map((t) => t.intent));
  return !!handlers.feedback && top.has('feedback') && top.has('complaint') && (rules?.unhappyWithAnswer?.(ctx.text) ?? false);
}

/** readings that ask for nothing: unsure among them, a short thanks or yes closes the talk (never a clarifying question) */
const SMALL_TALK = new Set(['feedback', 'thanks_bye', 'out_of_scope', 'greeting', 'help']);
function closingWords(ctx: DialogueContext, handlers: HandlerTable, rules?: RoutingRules): boolean {
  const top = ctx.classification?.top.slice(0, 2) ?? [];
  return !!handlers.thanks_bye && top.every((t) => SMALL_TALK.has(t.intent)) && (rules?.closesTalk?.(ctx.text) ?? false);
}

const bare = (text: string): string => text.replace(/[\s,.!?，。！？~～…、]/g, '');

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
    if (name === 'unsubscribe' && handlers[UNSUBSCRIBED_ROUTE]) return UNSUBSCRIBED_ROUTE;
    if (SILENT_EVENTS.has(name) || !ctx.text) return 'silent';
  }
  if (message.kind === 'media') return 'media';
  if (!ctx.text.trim()) return 'empty';
  if (rules?.eraseCommands?.has(bare(ctx.text)) && handlers[ERASE_ROUTE]) return message.groupId ? 'private_only' : ERASE_ROUTE;
  const pendingRoute = conversation.pending ? `pending:${conversation.pending}` : undefined;
  if (pendingRoute && handlers[pendingRoute]) return pendingRoute;
  if (handlers.case_withdraw && rules?.asksWithdrawal?.(ctx.text)) return 'case_withdraw';
  // about the matter just registered first: "身份证号411…" given as contact is not the 派出所's 身份证
  // (never in a group chat: a villager's own cases are told in private, 001 第四条)
  if (isCaseQuestion(ctx, handlers, rules)) return message.groupId ? 'private_only' : 'case_question';
  if (handlers.contact_first && rules?.givesContactFirst?.(ctx.text) && !message.groupId) return 'contact_first';
  // ... naming none of the township's services ("大病救济要带啥材料" after a 医保 redirect asks that service)
  const namesService = !!classification?.service && !classification.serviceFromContext;
  if (handlers.redirect_followup && !namesService && rules?.asksAfterRedirect?.(ctx.text, conversation.loop?.lastReplyEnd)) return 'redirect_followup';
  if (isRedirect(ctx, handlers, rules)) return 'redirect';
  if (!classification) return 'fallback';
  if (handlers.service_corrected && correctsService(ctx, rules)) return 'service_corrected';
  if (isRuleQuestion(ctx, handlers, rules) && !(message.groupId && rules?.privateInGroups.has('policy_query'))) return 'policy_query';
  if (message.groupId && rules?.privateInGroups.has(classification.intent)) return 'private_only';
  if (classification.shouldClarify && unhappyWithAnswer(ctx, handlers, rules)) return 'feedback';
  if (classification.shouldClarify && closingWords(ctx, handlers, rules)) return 'thanks_bye';
  if (classification.shouldClarify && saidComplaint(ctx, handlers, rules)) return message.groupId && rules?.privateInGroups.has('complaint') ? 'private_only' : 'complaint';
  if (classification.shouldClarify) return unsureRoute(classification, (r) => !!handlers[r], ctx.text, rules?.unsureWords);
  return handlers[classification.intent] ? classification.intent : 'fallback';
}
