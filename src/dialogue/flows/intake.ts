import type { CaseKind, CaseRecord } from '../../cases/index.js';
import { CaseModel, maskName, maskPhone, maskText } from '../../cases/index.js';
import { textReply } from '../../core/message.js';
import { extractEntities } from '../../nlu/index.js';
import { findOffice, findStaff } from '../../staff/index.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../types.js';
import { formatDate, type FlowDeps } from './deps.js';
import { answerAside, interviewInIntake, otherMatter, ownQuestion, questionAside, writtenAnswerRule } from './intake-aside.js';
import { contactFixOf, extractFields, isAccount, mergeMissing, missingFields, REQUIRED, tellsMore, withoutContact, type DetailField, type IntakeFields } from './intake-fields.js';
import { atReadBack, submit } from './intake-confirm.js';
import { correctedStory } from './intake-correct.js';
import { hasAny } from './phrases.js';
import { clausesOf, looksLikeQuestion } from '../reply.js';

/** "转人工", "我要找真人" (templates: words.person; a bare "人工" at the read-back is read there). */
function wantsPerson(deps: FlowDeps, text: string): boolean {
  return hasAny(text, deps.phrases.words.person);
}

/** "算了" — by the shared reply understanding, or a cancel word in a short message ("算了不投诉了我自己去问"). */
const CANCEL_SHORT_CHARS = 10;
function isCancel(deps: FlowDeps, text: string): boolean {
  return deps.replies.read(text).kind === 'cancel' || ([...text].length <= CANCEL_SHORT_CHARS && hasAny(text, deps.phrases.words.cancel));
}

export const INTAKE_STATE = 'complaint_intake';
const SUMMARY_CHARS = 80;
/** a question that asks what the rules say (the service's time limit, not the intake's) */
const RULE_WORDS = ['规定', '按规矩', '政策上'];
/** the read-back asked this many times again (after additions) comes with the numbered choices */
const READBACKS_BEFORE_CHOICES = 2;
/** never more than two questions before the read-back */
const MAX_QUESTIONS = 2;
/** asked for once more when the first answer leaves them out; the others may stay 未说明 */
const ESSENTIAL: readonly DetailField[] = ['what', 'village'];

export interface IntakeData {
  kind: CaseKind;
  fields: IntakeFields;
  step: 'details' | 'confirm';
  /** questions asked so far (absent in intakes started before it was kept: one) */
  asked?: number;
  /**
   * channel:messageId of the message that started the intake: the case is created under this key, so
   * a double-tapped 确认 (two different confirming messages) still registers one case
   */
  intakeId?: string;
  /** replies at the read-back that neither confirmed nor changed anything, in a row (intake-confirm.ts) */
  misses?: number;
  /** numbered choices (submit / change / cancel / a person) were offered after the second miss */
  choices?: boolean;
  /** read-backs after the first, in a row (the third comes with numbered choices) */
  rounds?: number;
  /** questions answered on the side so far (intake-aside.ts: the reminder's wording alternates) */
  asides?: number;
  /** the villager asked for a video interview (视频约谈) during the intake: its slots are offered once registered */
  interview?: boolean;
  /**
   * the first message, when too short to be taken as the story ("我们村都半年没贴了"): the story when the villager then
   * says that is all ("对头 帮我登记")
   */
  firstWords?: string;
}

/** the intake's own question "how long until I hear back" (templates/cases-dialogue.yml intakeQuestions) */
const REPLY_TIME = 'intake_question_reply_time';

/** a first message this long says something of the matter ("我要投诉" alone does not) */
const MIN_FIRST_WORDS = 6;

function isIntakeData(v: unknown): v is IntakeData {
  const d = v as Partial<IntakeData> | null;
  return !!d && typeof d.kind === 'string' && typeof d.fields === 'object' && (d.step === 'details' || d.step === 'confirm');
}

function contactLine(deps: FlowDeps, f: IntakeFields): string {
  if (!f.name && !f.phone) return deps.phrases.render('intake_anonymous');
  return deps.phrases.render('intake_contact_given', { name: f.name ? maskName(f.name) : '', phone: f.phone ? maskPhone(f.phone) : '' }).trim();
}

/** The summary read back to the villager, with phones, ID numbers and names masked. */
export function readBack(deps: FlowDeps, data: IntakeData): DialogueResult {
  const p = deps.phrases;
  const lines = REQUIRED[data.kind].map((field) => {
    const value = data.fields[field];
    return p.render('intake_readback_line', { label: p.fieldLabel(field), value: value ? maskText(value, [data.fields.name]) : p.render('intake_not_given') });
  });
  lines.push(p.render('intake_readback_line', { label: p.fieldLabel('contact'), value: contactLine(deps, data.fields) }));
  const text = p.render('intake_readback', { summary: lines.join('\n') });
  // read back again after an addition: the same question a third time comes with numbered choices and a person
  const rounds = data.step === 'confirm' ? (data.rounds ?? 0) + 1 : 0;
  if (rounds >= READBACKS_BEFORE_CHOICES) {
    const next: IntakeData = { ...data, step: 'confirm', misses: 0, rounds, choices: true };
    return { reply: textReply(text, p.render('intake_choices', { kindLabel: p.kindLabel(data.kind) })), pending: INTAKE_STATE, pendingData: next };
  }
  const next: IntakeData = { ...data, step: 'confirm', misses: 0, rounds, choices: false };
  return { reply: textReply(text), pending: INTAKE_STATE, pendingData: next };
}

function askMissing(deps: FlowDeps, data: IntakeData, opening: string | undefined): DialogueResult {
  const p = deps.phrases;
  const missing = missingFields(data.kind, data.fields);
  const ask = missing.length === 1 && missing[0] === 'what'
    ? p.render('intake_ask_what')
    : p.render('intake_ask_missing', { missing: missing.map((f) => p.fieldLabel(f)).join('、') });
  const text = [opening, ask, p.render('intake_contact_hint')].filter(Boolean).join('\n');
  return { reply: textReply(text), pending: INTAKE_STATE, pendingData: { ...data, asked: 1 } };
}

/** The second and last question: only the essentials the first answer left out. */
function askAgain(deps: FlowDeps, data: IntakeData, missing: DetailField[], noted: boolean): DialogueResult {
  const p = deps.phrases;
  // "好的 晓得了" added nothing: never "已记下"
  const text = p.render(noted ? 'intake_ask_again' : 'intake_ask_again_nothing', { missing: missing.map((f) => p.fieldLabel(f)).join('、') });
  return { reply: textReply(text), pending: INTAKE_STATE, pendingData: { ...data, asked: (data.asked ?? 1) + 1 } };
}

/** What is still missing is left blank ("未说明"), so the read-back can follow. */
function settle(data: IntakeData): IntakeData {
  let fields = data.fields;
  for (const f of missingFields(data.kind, fields)) fields = { ...fields, [f]: '' };
  return { ...data, fields };
}

function kindFor(intentKind: CaseKind, service: string | undefined): CaseKind {
  return intentKind === 'complaint' && service === 'xinfang' ? 'petition' : intentKind;
}

/**
 * The rule a request cites, stated before the intake carries on (mixed requests: "招标前一天才贴公告…这合规吗"):
 * always for 依申请公开 and 信访 (their time limits are the villager's rights), for a complaint when it
 * mentions days, posting or compliance (`words.ruleCue`). From the service's template (route `rule_statement`).
 */
async function ruleFor(deps: FlowDeps, ctx: DialogueContext, kind: CaseKind): Promise<string[]> {
  const cites = kind === 'disclosure' || kind === 'petition' || hasAny(ctx.text, deps.phrases.words.ruleCue);
  if (!cites) return [];
  // "我要投诉 村干部办事拖拉 几天能给结果": the rule asked for is how long a complaint takes, not a service's time limits
  const asksReplyTime = deps.phrases.intakeQuestion(ctx.text) === REPLY_TIME && !hasAny(ctx.text, deps.phrases.words.serviceRuleCue);
  if (kind === 'complaint' && asksReplyTime) return [deps.phrases.render(REPLY_TIME)];
  // no service: a complaint about how staff acted ("说办不了也不说为啥 这样对吗") hears the conduct rule it cites, if one fits
  const route = ctx.classification?.service ? 'rule_statement' : 'conduct_rule';
  // "…这合规不? 电话俺不留": the contact talk is no part of the question (电话 would ask where to call)
  const rule = await deps.dispatch(route, { ...ctx, text: withoutContactTalk(ctx.text, deps.phrases) });
  return rule?.reply.parts.filter(Boolean) ?? [];
}

/** The message without the clauses that only give or withhold contact ("电话俺不留", "我叫王芳 电话138…"). */
function withoutContactTalk(text: string, phrases: FlowDeps['phrases']): string {
  const kept = clausesOf(text).filter((c) => !hasAny(c, phrases.words.anonymous) && !(hasAny(c, phrases.words.contact) && !looksLikeQuestion(c)));
  return withoutContact(kept.join('，')) || text;
}

/** Starts an intake from the first message: keeps what it already says, asks once for the rest. */
export function startIntake(deps: FlowDeps, intentKind: CaseKind): IntentHandler {
  const start = firstTurn(deps, intentKind);
  return async (ctx) => withIdNote(deps, ctx, await start(ctx));
}

function firstTurn(deps: FlowDeps, intentKind: CaseKind): IntentHandler {
  return async (ctx) => {
    const service = ctx.classification?.service;
    const kind = kindFor(intentKind, service);
    const found = { ...ctx.carriedContact, ...extractFields(ctx.text, deps.phrases) };
    const fields: IntakeFields = { ...found, ...(service ? { service } : {}), ...(isAccount(ctx.text) ? { what: ctx.text } : {}) };
    const short = !fields.what && [...ctx.text.replace(/\s/g, '')].length >= MIN_FIRST_WORDS ? { firstWords: ctx.text } : {};
    const data: IntakeData = { kind, fields, step: 'details', intakeId: `${ctx.message.channel}:${ctx.message.messageId}`, ...short };
    const rule = await ruleFor(deps, ctx, kind);
    // unhappy with an answer already given (000 §3 第五条): the video interview is named with the intake
    const unhappy = kind === 'complaint' && hasAny(ctx.text, deps.phrases.words.answerUnsatisfied) ? [deps.phrases.render('intake_unsatisfied_note')] : [];
    const opening = [...rule, deps.phrases.render(`intake_start_${kind}`), ...unhappy].join('\n');
    // the story is told: it is read back at once (what else is missing may be added or left 未说明), so the
    // villager's "对" registers it; only a bare "我要投诉" is asked what happened first
    if (missingFields(kind, fields).includes('what')) return askMissing(deps, data, opening);
    // 转人工 with the question told: registered at once (a person reads it anyway), the number given
    if (kind === 'handoff') return withOpening(await submit(deps, ctx, data), opening);
    const result = readBack(deps, data);
    const hint = fields.name || fields.phone || fields.anonymous ? [] : [deps.phrases.render('intake_contact_hint')];
    return { ...result, reply: textReply([opening, ...hint].join('\n'), ...result.reply.parts) };
  };
}

function withOpening(result: DialogueResult, opening: string): DialogueResult {
  return { ...result, reply: textReply(opening, ...result.reply.parts) };
}

/** An answer to a question: what it says fills the gaps; the rest stays missing. */
function takeDetails(deps: FlowDeps, data: IntakeData, text: string): IntakeData {
  const w = deps.phrases.words;
  const before = missingFields(data.kind, data.fields);
  const found = extractFields(text, deps.phrases);
  let fields = mergeMissing(data.fields, found);
  const dontKnow = hasAny(text, w.unknown);
  const said = withoutContact(text);
  const account = said !== '' && tellsMore(said, found, [...w.filler, ...w.unknown, ...w.anonymous]);
  const hadWhat = fields.what !== undefined && fields.what !== '';
  if (!hadWhat && account) fields = { ...fields, what: said };
  const left = missingFields(data.kind, fields);
  const single = before.length === 1 && left.length === 1 ? left[0] : undefined;
  if (!dontKnow && said && single && single !== 'what') fields = { ...fields, [single]: said };
  else if (!dontKnow && account && hadWhat) fields = { ...fields, what: `${fields.what ?? ''}；${said}` };
  return { ...data, fields };
}

/** After an answer: once more for the essentials still missing (unless "不知道"), else the read-back. */
function afterAnswer(deps: FlowDeps, data: IntakeData, text: string): DialogueResult {
  const result = nextQuestion(deps, data, text);
  // "唔想留名 惊佢报复我": said so in a line of its own, before the next question
  const becameAnonymous = !data.fields.anonymous && extractFields(text, deps.phrases).anonymous === true;
  return becameAnonymous ? { ...result, reply: textReply(deps.phrases.render('intake_anonymous_ok'), ...result.reply.parts) } : result;
}

function nextQuestion(deps: FlowDeps, data: IntakeData, text: string): DialogueResult {
  const taken = takeDetails(deps, data, text);
  // once the story is told it is read back (a missing village stays 未说明 and may be added there): only a missing story is asked for again
  const missing = taken.fields.what ? [] : missingFields(taken.kind, taken.fields).filter((f) => ESSENTIAL.includes(f));
  const dontKnow = hasAny(text, deps.phrases.words.unknown);
  if (missing.length && !dontKnow && (taken.asked ?? 1) < MAX_QUESTIONS) return askAgain(deps, taken, missing, JSON.stringify(taken.fields) !== JSON.stringify(data.fields));
  return readBack(deps, settle(taken));
}

/** The intake with a correction made where the wrong words stand ("不是二组 是四组"); undefined when there is none. */
export function applyCorrection(data: IntakeData, text: string): IntakeData | undefined {
  const fields = { ...data.fields };
  let changedAny = false;
  for (const k of ['what', 'who', 'village', 'when', 'wants'] as const) {
    const fixed = fields[k] ? correctedStory(fields[k], text) : undefined;
    if (fixed !== undefined) {
      fields[k] = fixed;
      changedAny = true;
    }
  }
  return changedAny ? { ...data, fields } : undefined;
}

/**
 * The answer to the details question. A correction ("不是二组 是四组") is made in place; "对头 莫得了", "就这些",
 * "好的", "谢了" say there is nothing more: the read-back follows (what is missing stays 未说明) — unless the
 * story itself is still missing. Anything else fills the gaps.
 */
function atDetails(deps: FlowDeps, text: string, data: IntakeData): DialogueResult {
  const fix = contactFixOf(text, deps.phrases);
  if (fix) return afterAnswer(deps, { ...data, fields: { ...data.fields, ...fix, anonymous: false } }, '');
  const fixed = applyCorrection(data, text);
  if (fixed) return readBack(deps, settle(fixed));
  const m = deps.replies.read(text);
  const nothingMore = m.kind === 'confirm' || (m.kind === 'unclear' && m.thanks === true);
  if (nothingMore && data.fields.what) return readBack(deps, settle(data));
  // "对头 帮我登记", "就这些" after a short first message: that message is the story ("好的" only gets ready to tell it)
  const saysDone = (m.kind === 'confirm' && m.done) || hasAny(text, deps.phrases.words.registerNow);
  if (saysDone && data.firstWords) return readBack(deps, settle({ ...data, fields: { ...data.fields, what: data.firstWords } }));
  // "好的" answers nothing; "就这些" / "没了" say there is nothing more (templates: words.unknown)
  return afterAnswer(deps, data, m.kind === 'confirm' && !m.done ? '' : text);
}

/** After the read-back: anything but a confirmation is a correction or an addition. */
export function takeCorrection(deps: FlowDeps, data: IntakeData, text: string, replaces = false): IntakeData {
  const found = extractFields(text, deps.phrases);
  let fields: IntakeFields = { ...data.fields };
  // "不对 是上个星期" replaces what it names; an addition only fills what is still empty
  for (const k of ['who', 'village', 'when', 'wants'] as const) if ((replaces || !fields[k]) && found[k]) fields[k] = found[k];
  if (replaces && (found.who || found.village || found.when || found.wants) && !tellsMore(text, found, [...deps.phrases.words.filler, '是', '不是'])) return { ...data, fields };
  if (found.anonymous) fields = { ...fields, name: undefined, phone: undefined, anonymous: true };
  if (found.name) fields.name = found.name;
  if (found.phone) fields.phone = found.phone;
  const said = deps.phrases.words.anonymous.reduce((t, word) => t.split(word).join(''), withoutContact(text)).trim();
  if ([...said].length >= 2 && !hasAny(text, deps.phrases.words.unknown)) fields.what = fields.what ? `${fields.what}；${said}` : said;
  return { ...data, fields };
}

/** Registers the intake as a case (as `kind` when given: a stuck intake handed to a person is a handoff). */
export async function register(deps: FlowDeps, ctx: DialogueContext, data: IntakeData, kind: CaseKind = data.kind): Promise<CaseRecord> {
  const m = ctx.message;
  const messageKey = data.intakeId ?? `${m.channel}:${m.messageId}`;
  const existed = await CaseModel.exists({ createdFromMessageId: messageKey });
  const f = data.fields;
  const what = f.what ?? '';
  const record = await deps.cases.createCase({
    kind,
    service: f.service,
    category: f.category,
    summary: [...what].slice(0, SUMMARY_CHARS).join('') || deps.phrases.kindLabel(data.kind),
    details: { what, who: f.who ?? '', village: f.village ?? '', when: f.when ?? '', wants: f.wants ?? '' },
    complainant: { channel: m.channel, userId: m.userId, ...(f.name ? { name: f.name } : {}), ...(f.phone ? { phone: f.phone } : {}), anonymous: !f.name && !f.phone },
    createdFromMessageId: messageKey,
  });
  if (!existed) deps.caseEvents.emit('created', record);
  return record;
}

export async function createdReply(deps: FlowDeps, record: CaseRecord): Promise<string> {
  const p = deps.phrases;
  const office = (await findOffice(record.officeCode))?.name ?? record.officeCode;
  const dueLine = record.deadline.covered
    ? p.render('intake_due', { date: formatDate(p, record.deadline.due) })
    : p.render('intake_due_unconfirmed', { office });
  const responder = record.firstResponderId ? await findStaff(record.firstResponderId) : null;
  const vars = { number: record.number, kindLabel: p.kindLabel(record.kind), office, dueLine };
  return responder
    ? p.render('intake_created', { ...vars, responder: responder.name, post: responder.post })
    : p.render('intake_created_no_responder', vars);
}

/** A reply that opens with a confirmation and goes on ("对的 那大概多久能有答复", "要得 我姓罗 电话139…"). */
function agreesFirst(deps: FlowDeps, text: string): boolean {
  // "对了 我上个月投诉的那个事…" opens another matter ("by the way"), it does not agree
  if (deps.phrases.words.byTheWay.some((w) => text.trim().startsWith(w))) return false;
  const m = deps.replies.read(text);
  return m.kind === 'content' && m.opensWithConfirm;
}

/**
 * `pending:complaint_intake`: the answer to the question, the confirmation, a correction, or 算了.
 * A message confidently about another matter is answered on the side and the intake keeps waiting (intake-aside.ts).
 */
export function pendingIntake(deps: FlowDeps): IntentHandler {
  const turn = intakeTurn(deps);
  return async (ctx) => withIdNote(deps, ctx, await turn(ctx));
}

/** "身份证号要不要 511…": an ID number is never kept (the story and the contact are without it): said so, once. */
function withIdNote(deps: FlowDeps, ctx: DialogueContext, result: DialogueResult): DialogueResult {
  const note = deps.phrases.render('intake_id_not_kept');
  const typedId = extractEntities(ctx.text).idNumbers.length > 0;
  return typedId && !result.reply.parts.includes(note) ? { ...result, reply: textReply(...result.reply.parts, note) } : result;
}

/** a question about a service this likely, said with the cancel, is answered after it */
const ASKED_WITH_CANCEL = 0.15;
const ASKS_RULES = new Set(['policy_query', 'checklist']);

/** "算了算了 不投诉了 我就是想问下大病救济咋申请": cancelled, and the question that came with it answered. */
async function cancelled(deps: FlowDeps, ctx: DialogueContext): Promise<DialogueResult> {
  const done = deps.phrases.render('intake_cancelled');
  const c = ctx.classification;
  const asked = c?.service && !c.serviceFromContext ? c.top.find((t) => ASKS_RULES.has(t.intent) && t.score >= ASKED_WITH_CANCEL) : undefined;
  const cleared = { ...ctx, conversation: { ...ctx.conversation, pending: undefined, pendingData: undefined } };
  const answer = asked ? await deps.dispatch(asked.intent, cleared) : undefined;
  if (!answer) return { reply: textReply(done), pending: null };
  return { ...answer, reply: textReply(deps.phrases.render('intake_cancelled_short'), ...answer.reply.parts), pending: answer.pending ?? null };
}

function intakeTurn(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const data = ctx.conversation.pendingData;
    if (!isIntakeData(data) || isCancel(deps, ctx.text)) return cancelled(deps, ctx);
    // "转人工" / "找真人" at any step: the intake so far goes to a person (a handoff case with a number)
    if (wantsPerson(deps, ctx.text)) return submit(deps, ctx, settle(data), true);
    const waiting = { state: INTAKE_STATE, data };
    // "对的 那大概多久能有答复" at the read-back agrees first: registered, then answered (intake-confirm.ts)
    if (data.step === 'confirm' && agreesFirst(deps, ctx.text)) return atReadBack(deps, ctx, data);
    // "我要跟镇长当面视频说": the interview is noted for after registering; "约谈那天有事 能改不": its rule is answered
    const interview = await interviewInIntake(deps, ctx, waiting, (d) => atDetails(deps, ctx.text, d as IntakeData));
    if (interview) return interview;
    // "按规定好多天要答复我": the service's own rule answers it before the intake's general time limit
    // "招标结果要几耐之内公开": a question naming a service in so many words asks that service's rule, not the intake's
    // own (which its words would also match)
    // ... or one about publishing or approving ("开完标结果多少天得公布出来"): the intake publishes nothing
    const named = !!ctx.classification?.service && (!ctx.classification.serviceFromContext || hasAny(ctx.text, deps.phrases.words.serviceRuleCue));
    const namesService = named && deps.phrases.intakeQuestion(ctx.text) === 'intake_question_reply_time';
    const citesRule = hasAny(ctx.text, RULE_WORDS) || namesService ? await questionAside(deps, ctx, waiting, hasAny(ctx.text, RULE_WORDS)) : undefined;
    if (citesRule) return citesRule;
    // "他们要多久给我个书面说法" after "说办不了也不说为啥": the 否定报备 rule, not the complaint's reply time
    const written = await writtenAnswerRule(deps, ctx, waiting);
    if (written) return written;
    const own = ownQuestion(deps, ctx, waiting);
    if (own) return own;
    const aside = otherMatter(deps, ctx, waiting);
    if (aside) return answerAside(deps, ctx, aside, waiting);
    const asked = await questionAside(deps, ctx, waiting);
    if (asked) return asked;
    if (data.step === 'details' && data.kind === 'handoff') {
      const taken = takeDetails(deps, data, ctx.text);
      if (taken.fields.what) return submit(deps, ctx, settle(taken));
    }
    if (data.step === 'details') return atDetails(deps, ctx.text, data);
    return atReadBack(deps, ctx, data);
  };
}
