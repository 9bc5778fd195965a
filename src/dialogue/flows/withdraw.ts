import { CLOCK_RUNNING, type CaseRecord } from '../../cases/index.js';
import { textReply } from '../../core/message.js';
import { extractEntities } from '../../nlu/index.js';
import { routeAsNew } from '../route-again.js';
import type { IntentHandler } from '../types.js';
import type { FlowDeps } from './deps.js';
import { hasAny } from './phrases.js';

/**
 * The villager takes back what they reported (撤回投诉): "算了 还是撤回吧", "我那个举报不告了". The request goes on the
 * case's record and the holder hears of it in the staff room; the case is not closed here — the holder checks with the
 * villager and closes it with the result (a report of misconduct may still be looked into).
 */
export const WITHDRAW_ROUTE = 'case_withdraw';
/** Right after a withdrawal, "还是继续办吧" takes it back; anything else is handled as itself. */
export const WITHDRAWN_STATE = 'case_withdrawn';

const OPEN: readonly string[] = [...CLOCK_RUNNING, 'paused'];

/** A message that asks to withdraw a report, not one about something withdrawn from the villager ("低保被撤销了"). */
export function asksWithdrawal(text: string, words: { withdraw: string[]; withdrawnFrom: string[]; withdrawAsks: string[] }): boolean {
  return text.length <= 40 && hasAny(text, [...words.withdraw, ...words.withdrawAsks]) && !hasAny(text, words.withdrawnFrom);
}

function target(mine: CaseRecord[], text: string): CaseRecord | undefined {
  const named = extractEntities(text).caseNumbers;
  if (named.length) return mine.find((c) => named.includes(c.number));
  return mine.find((c) => OPEN.includes(c.status)) ?? mine[0];
}

export function withdrawHandler(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const p = deps.phrases;
    const mine = await deps.cases.listForUser(ctx.message.channel, ctx.message.userId);
    const c = target(mine, ctx.text);
    if (!c) return { reply: textReply(p.render('withdraw_none')) };
    if (!OPEN.includes(c.status)) return { reply: textReply(p.render('withdraw_done', { number: c.number, status: p.statusLabel(c.status) })) };
    if (hasAny(ctx.text, p.words.withdrawAsks)) return { reply: textReply(p.render('withdraw_how', { number: c.number })) };
    const record = await deps.cases.requestWithdrawal(c.number, 'villager', ctx.text);
    deps.caseEvents.emit('updated', record, { action: 'withdraw_request', actor: 'villager', note: ctx.text });
    return { reply: textReply(p.render('withdraw_recorded', { number: c.number })), pending: WITHDRAWN_STATE, pendingData: { number: c.number } };
  };
}

/** `pending:case_withdrawn`: "不撤了 继续办" is recorded on the case and the holder hears of it. */
export function pendingWithdrawn(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const number = (ctx.conversation.pendingData as { number?: unknown } | undefined)?.number;
    const p = deps.phrases;
    if (asksWithdrawal(ctx.text, p.words)) return withdrawHandler(deps)(ctx);
    if (typeof number !== 'string' || !hasAny(ctx.text, p.words.withdrawBack) || ctx.text.length > 40) {
      return routeAsNew(ctx, deps.dispatch, () => ({ reply: textReply(p.render('withdraw_recorded', { number: String(number) })) }));
    }
    const record = await deps.cases.cancelWithdrawal(number, 'villager');
    deps.caseEvents.emit('updated', record, { action: 'withdraw_cancel', actor: 'villager' });
    return { reply: textReply(p.render('withdraw_taken_back', { number })) };
  };
}
