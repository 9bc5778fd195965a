import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export type CaseKind = 'complaint' | 'handoff' | 'disclosure' | 'petition';
export const CASE_KINDS: readonly CaseKind[] = ['complaint', 'handoff', 'disclosure', 'petition'];

const period = z.object({ days: z.number().int().min(0), unit: z.enum(['calendar', 'working']) });
export type Period = z.infer<typeof period>;

const kindSchema = z.object({
  label: z.string(),
  source: z.string(),
  /** from: when the clock starts — receipt, acceptance (taking the case), or assignment to an office */
  limit: period.extend({ from: z.enum(['received', 'accepted', 'assigned']).default('received') }),
  acceptance: period.optional(),
  milestones: z.array(period.extend({ key: z.string() })).default([]),
  extension: period.extend({ times: z.number().int().min(1), approver: z.literal('leader') }).optional(),
  clockStop: z.boolean().default(false),
});
export type KindRules = z.infer<typeof kindSchema>;

const fileSchema = z.object({
  kinds: z.object({ complaint: kindSchema, handoff: kindSchema, disclosure: kindSchema, petition: kindSchema }),
  procedures: z.object({
    rejection: z.object({ label: z.string(), source: z.string(), leaderAnswer: period, limit: period }),
  }),
});
export type CaseRules = z.infer<typeof fileSchema>;

export class CaseDataError extends Error {
  override name = 'CaseDataError';
}

/** Reads templates/cases/kinds.yml (time limits per kind, rejection procedure). */
export function loadCaseRules(templatesDir: string): CaseRules {
  const file = path.join(templatesDir, 'cases', 'kinds.yml');
  const result = fileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) throw new CaseDataError(`${file}: ${z.prettifyError(result.error)}`, { cause: result.error });
  const petition = result.data.kinds.petition;
  if (petition.limit.from === 'accepted' && !petition.acceptance) throw new CaseDataError(`${file}: limit.from accepted needs acceptance`);
  return result.data;
}
