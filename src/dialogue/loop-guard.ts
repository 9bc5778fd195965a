import type { DialogueResult, HandlerTable, DialogueContext } from './types.js';

/**
 * No loops (issue 11): the bot never gives the same reply a third time in a row, and three turns in a row that it did not understand end in numbered choices with a person (`stuck`: the
 * help menu, whose numbers work, "人工" giving a handoff case with a number). Only outside a flow: a flow that is
 * still open has its own third-miss choices and keeps its data.
 */
export interface LoopMemory {
  /** the previous reply (its start and end) */
  lastReplyEnd?: string;
  /** how many replies in a row were that same reply, after the first */
  repeats?: number;
  /** turns in a row the bot did not understand (fallback, clarification) */
  unclearStreak?: number;
  /** the last few replies (start and end): an answer given again says so ("与前面说的是同一条规定") */
  recent?: string[];
}

const STUCK_AFTER_REPEATS = 2;
/** the polite decline with the menu, twice in a row: the second time in other words (`decline_again`), a person offered */
const DECLINES = new Set(['out_of_scope', 'pending:help_menu']);
const STUCK_AFTER_UNCLEAR = 3;
const END_CHARS = 80;
const RECENT = 6;
/** the routes whose replies are rule answers (a refusal, a menu or a question asked back is no rule said again) */
const ANSWERS = new Set(['policy_query']);

/** the reply, shortened to its start and end (a same reply twice is the same text, not the same ending) */
function endOf(result: DialogueResult): string {
  const all = result.reply.parts.join('\n').trim();
  return all.length <= END_CHARS ? all : `${all.slice(0, END_CHARS / 2)}…${all.slice(-END_CHARS / 2)}`;
}

/** The turn's result, or the stuck menu when it would be the third of a kind; the memory to keep either way. */
export async function guardLoop(ctx: DialogueContext, route: string, result: DialogueResult, handlers: HandlerTable, memory: LoopMemory): Promise<{ result: DialogueResult; memory: LoopMemory }> {
  const end = endOf(result);
  if (!end) return { result, memory: {} };
  const repeats = end === memory.lastReplyEnd ? (memory.repeats ?? 0) + 1 : 0;
  // a fallback, or a clarifying question right after one: a clarification the villager answers is no miss
  const unclear = route === 'fallback' || (route === 'clarify' && (memory.unclearStreak ?? 0) > 0);
  const unclearStreak = unclear ? (memory.unclearStreak ?? 0) + 1 : 0;
  // a clarification keeps its own third-miss choices (clarify-answer.ts)
  const flowOpen = result.pending !== undefined && result.pending !== null && result.pending !== 'help_menu';
  const stuck = handlers.stuck && !flowOpen && route !== 'stuck' && (repeats >= STUCK_AFTER_REPEATS || unclearStreak >= STUCK_AFTER_UNCLEAR);
  const recent = [...(memory.recent ?? []), end].slice(-RECENT);
  if (!stuck || !handlers.stuck) {
    const again = repeats === 1 && DECLINES.has(route) && handlers.decline_again ? { ...result, reply: (await handlers.decline_again(ctx)).reply } : undefined;
    return { result: again ?? (await saidBefore(ctx, route, result, handlers, memory.recent ?? [], end)), memory: { lastReplyEnd: end, repeats, unclearStreak, recent } };
  }
  const menu = await handlers.stuck(ctx);
  return { result: { ...result, ...menu }, memory: { lastReplyEnd: endOf(menu), repeats: 0, unclearStreak: 0, recent } };
}

/**
 * An answer the villager was given a few turns ago, asked again in other words ("最多能拖多久" / "延期要告诉我理由不"):
 * the same rule answers both, so the reply says it is the same rule (`said_before`) instead of reading as a loop.
 */
async function saidBefore(ctx: DialogueContext, route: string, result: DialogueResult, handlers: HandlerTable, recent: string[], end: string): Promise<DialogueResult> {
  if (!handlers.said_before || !ANSWERS.has(route) || !recent.includes(end)) return result;
  const lead = (await handlers.said_before(ctx)).reply.parts.join('\n');
  const [first = '', ...rest] = result.reply.parts;
  return { ...result, reply: { ...result.reply, parts: [`${lead}\n${first}`, ...rest] } };
}
