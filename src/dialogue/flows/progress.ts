import type { CaseRecord } from '../../cases/index.js';
import { CaseNotFoundError } from '../../cases/index.js';
import { textReply, type InboundMessage } from '../../core/message.js';
import { extractEntities } from '../../nlu/index.js';
import { findStaff } from '../../staff/index.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../types.js';
import { formatDate, type FlowDeps } from './deps.js';
import { hasAny } from './phrases.js';
import { OFFER_HANDOFF_STATE as OFFER_LOOKUP } from '../../answers/handlers/policy.js';

/** statuses after which the time limit no longer matters to the villager */
const DONE: readonly string[] = ['answered', 'rejected', 'closed'];

/** How many of a villager's own cases one reply lists in full. */
const LIST_MAX = 3;

function owns(c: CaseRecord, m: InboundMessage): boolean {
  return c.complainant.channel === m.channel && c.complainant.userId === m.userId;
}

/** Status, holder (name and post only), deadline and last reply of the villager's own case. */
async function describe(deps: FlowDeps, c: CaseRecord): Promise<string> {
  const p = deps.phrases;
  const holder = c.holderId ? await findStaff(c.holderId) : null;
  const last = c.replies.at(-1);
  // an open case also says the rule its deadline comes from ("好久有回复" asks that as much as the date)
  const rule = DONE.includes(c.status) ? undefined : p.kindRule(c.kind);
  const line = p.render('progress_line', {
    number: c.number,
    kindLabel: p.kindLabel(c.kind),
    status: p.statusLabel(c.status),
    holder: holder ? `${holder.name}（${holder.post}）` : p.render('progress_no_holder'),
    date: formatDate(p, c.deadline.due),
    lastReply: last?.text ?? c.result ?? p.render('progress_no_reply'),
  });
  return rule ? `${line}\n${p.render('progress_rule', { rule })}` : line;
}

async function byNumber(deps: FlowDeps, number: string, m: InboundMessage): Promise<string> {
  const p = deps.phrases;
  try {
    const c = await deps.cases.find(number);
    // confidentiality (001 第四条): someone else's case is confirmed to exist, nothing more
    return owns(c, m) ? await describe(deps, c) : p.render('progress_other_user', { number, status: p.statusLabel(c.status) });
  } catch (err) {
    if (err instanceof CaseNotFoundError) return p.render('progress_not_found', { number });
    throw err;
  }
}

/**
 * No case of the villager's: said so; when the question names a service ("帮我查查我家低保批了没"), where its
 * application is followed and the time limits its rules set (an application is not registered here).
 */
async function nothingRegistered(deps: FlowDeps, ctx: DialogueContext): Promise<DialogueResult> {
  // "一般几日会有回音": the general time limit, with nothing registered to look up
  const asksWhen = deps.phrases.intakeQuestion(ctx.text) === 'intake_question_reply_time';
  const forgot = hasAny(ctx.text, deps.phrases.words.forgot);
  const none = [deps.phrases.render(forgot ? 'progress_none_forgot' : 'progress_none'), ...(asksWhen ? [deps.phrases.render('progress_reply_rule')] : [])].join('\n');
  const c = ctx.classification;
  // "编号我忘了": a person is offered to look it up (a yes or "帮我查查" registers a 咨询转人工 case about it)
  if (forgot) return { reply: textReply(none), pending: OFFER_LOOKUP, pendingData: { handoffAbout: deps.phrases.render('progress_lookup_about', { words: ctx.text.slice(0, 60) }) } };
  if (!c?.service || c.serviceFromContext) return { reply: textReply(none) };
  // the service's time limits (not whichever fact "到哪一步" would find)
  const rule = (await deps.dispatch('rule_statement', { ...ctx, text: '' }))?.reply.parts.filter(Boolean) ?? [];
  return { reply: textReply(rule.length ? deps.phrases.render('progress_none_service') : none, ...rule) };
}

/** a number the villager calls a case number, in a format of another system (our numbers are extractEntities') */
const OTHER_NUMBER = /(?:编号|单号|受理号|回执号|案件号)\s*(?:是|为|:|：)?\s*([A-Za-z]{0,4}-?\d[\d-]{3,})/;

/** progress_query: by case number, or the villager's own cases ("我的投诉"). */
export function progressHandler(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const numbers = [...new Set(extractEntities(ctx.text).caseNumbers)];
    // "单子上写的编号是2024113015": a number in no format of ours is not found, said so (never a status made up)
    const other = numbers.length ? undefined : OTHER_NUMBER.exec(ctx.text)?.[1];
    // a phone or ID number typed after 编号 is not said back (masking)
    if (other && !/^1\d{10}$|\d{15,}/.test(other)) return { reply: textReply(deps.phrases.render('progress_not_found', { number: other })) };
    if (numbers.length) {
      const parts = await Promise.all(numbers.map((n) => byNumber(deps, n, ctx.message)));
      return { reply: textReply(parts.join('\n\n')) };
    }
    const mine = await deps.cases.listForUser(ctx.message.channel, ctx.message.userId);
    if (!mine.length) return nothingRegistered(deps, ctx);
    const shown = await Promise.all(mine.slice(0, LIST_MAX).map((c) => describe(deps, c)));
    const more = mine.length > LIST_MAX ? [deps.phrases.render('progress_more', { count: mine.length - LIST_MAX })] : [];
    return { reply: textReply([...shown, ...more].join('\n\n')) };
  };
}
