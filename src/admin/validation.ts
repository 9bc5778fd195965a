import { z } from 'zod';
import { AdminApiError } from './http.js';
import { adminTexts } from './texts.js';

/** One problem with a request field, worded in Chinese for the form next to it. */
export interface FieldProblem {
  field: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

function fieldOf(issue: Issue): string {
  return issue.path.map(String).join('.') || 'body';
}

/** Chinese for a zod issue: the field's label from admin.yml, never zod's English (or its type names). */
function describe(issue: Issue): string {
  const texts = adminTexts();
  const name = String(issue.path[0] ?? 'body');
  const field = texts.label('field', name);
  switch (issue.code) {
    case 'invalid_type':
      return texts.render(issue.input === undefined || issue.input === null ? 'error.field_required' : 'error.field_type', { field });
    case 'too_small':
      if (issue.origin === 'string') return texts.render(Number(issue.minimum) <= 1 ? 'error.field_required' : 'error.field_too_short', { field, min: Number(issue.minimum) });
      if (issue.origin === 'array') return texts.render('error.field_required', { field });
      return texts.render('error.field_too_small', { field, min: Number(issue.minimum) });
    case 'too_big':
      return texts.render(issue.origin === 'string' ? 'error.field_too_long' : 'error.field_too_big', { field, max: Number(issue.maximum) });
    case 'invalid_value':
      return texts.render('error.field_choice', { field, choices: issue.values.map((v) => texts.label(name === 'roles' ? 'role' : 'field', String(v))).join('、') });
    case 'invalid_format':
      return texts.render('error.field_pattern', { field, hint: '' });
    case 'custom':
      return issue.message;
    default:
      return texts.render('error.field_type', { field });
  }
}

/** Parses a request body; on failure a 400 `bad_request` listing each field's problem in Chinese. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const details: FieldProblem[] = result.error.issues.map((i) => ({ field: fieldOf(i), message: describe(i) }));
  throw new AdminApiError(400, 'bad_request', details.map((d) => d.message).join('；'), details);
}

/** A message for a `.refine`/custom check, from admin.yml. */
export function customMessage(key: string, vars: Record<string, string | number> = {}): string {
  return adminTexts().render(`error.${key}`, vars);
}
