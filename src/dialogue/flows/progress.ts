import type { CaseRecord } from '../../cases/index.js';
import { CaseNotFoundError } from '../../cases/index.js';
import { textReply, type InboundMessage } from '../../core/message.js';
import { extractEntities } from '../../nlu/index.js';
import { findStaff } from '../../staff/index.js';
import type { IntentHandler } from '../types.js';
import { formatDate, type FlowDeps } from './deps.js';

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

/** progress_query: by case number, or the villager's own cases ("我的投诉"). */
export function progressHandler(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const numbers = [...new Set(extractEntities(ctx.text).caseNumbers)];
    if (numbers.length) {
      const parts = await Promise.all(numbers.map((n) => byNumber(deps, n, ctx.message)));
      return { reply: textReply(parts.join('\n\n')) };
    }
    const mine = await deps.cases.listForUser(ctx.message.channel, ctx.message.userId);
    if (!mine.length) return { reply: textReply(deps.phrases.render('progress_none')) };
    const shown = await Promise.all(mine.slice(0, LIST_MAX).map((c) => describe(deps, c)));
    const more = mine.length > LIST_MAX ? [deps.phrases.render('progress_more', { count: mine.length - LIST_MAX })] : [];
    return { reply: textReply([...shown, ...more].join('\n\n')) };
  };
}
