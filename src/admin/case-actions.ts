import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { CaseNotFoundError, TRANSITIONS, type CaseAction, type CaseRecord } from '../cases/index.js';
import { UserFacingError } from '../core/errors.js';
import { findStaff, type StaffRecord } from '../staff/index.js';
import { refusalText, runCaseCommand, type CaseCommand, type CommandDeps } from '../staffroom/commands.js';
import { identity, requireRole } from './auth.js';
import { adminError, AdminApiError, readJson } from './http.js';
import { parseBody } from './validation.js';

/** The console's verbs, each the staff room's command of the same name (接单 转办 回复 办结 延期 否定 批准 驳回). */
export const CONSOLE_ACTIONS = ['take', 'transfer', 'reply', 'close', 'extend', 'reject', 'approve', 'refuse'] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

const text = z.string().trim().min(1).max(2000);
const body = z.discriminatedUnion('action', [
  z.object({ action: z.literal('take') }),
  z.object({ action: z.literal('transfer'), office: z.string().trim().min(1), reason: text }),
  z.object({ action: z.literal('reply'), text }),
  z.object({ action: z.literal('close'), result: text }),
  z.object({ action: z.literal('extend'), days: z.coerce.number().int().min(1).max(365), reason: text }),
  z.object({ action: z.literal('reject'), reason: text, basis: text }),
  z.object({ action: z.literal('approve') }),
  z.object({ action: z.literal('refuse'), reason: text }),
]);

/** The case service's actions behind each console verb: a verb is offered when one of them is legal now. */
const UNDERLYING: Record<ConsoleAction, CaseAction[]> = {
  take: ['take'], transfer: ['transfer'], reply: ['reply'], close: ['close'], extend: ['requestExtension'], reject: ['fileRejection'],
  approve: ['approveExtension', 'approveRejection'], refuse: ['refuseExtension', 'refuseRejection'],
};

/** The verbs whose status rule allows them now (who may do them is checked when they are done). */
export function possibleActions(c: CaseRecord): ConsoleAction[] {
  const pendingExtension = c.extensions.some((e) => !e.decision);
  return CONSOLE_ACTIONS.filter((verb) => UNDERLYING[verb].some((a) => {
    if (!TRANSITIONS[a].from.includes(c.status)) return false;
    if (a === 'approveExtension' || a === 'refuseExtension') return pendingExtension;
    return true;
  }));
}

/** The roster member this console account acts as: its staffId, else a member whose staffId is the username. */
export async function linkedStaff(ctx: Context): Promise<StaffRecord | null> {
  const id = identity(ctx);
  return (await findStaff(id.staffId ?? id.username)) ?? null;
}

/**
 * `POST /api/admin/cases/:number/actions`: the staff room's case commands from the page, run by the same
 * code (staffroom/commands.ts runCaseCommand): the same rules, permissions, history entries, events and
 * messages to the villager. The answer carries the room's confirmation or refusal in Chinese.
 */
export function registerCaseActionRoutes(router: Router, deps: CommandDeps | undefined, afterAction: (ctx: Context, number: string) => Promise<unknown>): void {
  router.post('/api/admin/cases/:number/actions', requireRole('staff', 'leader', 'discipline', 'admin'), async (ctx) => {
    const input = parseBody(body, await readJson(ctx));
    const staff = await linkedStaff(ctx);
    if (!staff) throw adminError(403, 'not_linked');
    if (!deps) throw adminError(503, 'internal');
    const number = String(ctx.params.number);
    const cmd = { ...input, verb: input.action, number } as unknown as CaseCommand;
    let message: string;
    try {
      message = await runCaseCommand(cmd, staff, deps);
    } catch (err) {
      if (err instanceof UserFacingError) {
        const refused = refusalText(err, deps, cmd.verb);
        throw new AdminApiError(err instanceof CaseNotFoundError ? 404 : 409, 'case_refused', refused, undefined, { cause: err });
      }
      throw err;
    }
    ctx.body = { ok: true, message, case: await afterAction(ctx, number) };
  });
}
