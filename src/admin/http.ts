import type { Context, Next } from 'koa';
import getRawBody from 'raw-body';
import type { Logger } from 'pino';
import { HttpError } from '../core/errors.js';
import { TemplateWorkflowError, UserError } from '../answers/store/index.js';
import type { TemplateVars } from '../answers/catalog.js';
import { adminTexts } from './texts.js';

/** An HTTP refusal with a machine-readable code, rendered as `{ error: { code, message } }`. */
export class AdminApiError extends HttpError {
  override name = 'AdminApiError';
  constructor(status: number, readonly code: string, message: string, readonly details?: unknown, options?: ErrorOptions) {
    super(status, message, options);
  }
}

/** An API refusal worded from templates/admin.yml (`error.<key>`): every message the console shows is Chinese. */
export function adminError(status: number, code: string, key: string = code, vars: TemplateVars = {}, details?: unknown, options?: ErrorOptions): AdminApiError {
  return new AdminApiError(status, code, adminTexts().render(`error.${key}`, vars), details, options);
}

export const BODY_LIMIT = 256 * 1024;

/** Reads a JSON object body with a size cap (no body-parser is installed on purpose). */
export async function readJson(ctx: Context): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await getRawBody(ctx.req, { limit: BODY_LIMIT, encoding: 'utf8', length: ctx.request.length });
  } catch (err) {
    const status = (err as { status?: number }).status ?? 400;
    const code = status === 413 ? 'body_too_large' : 'bad_body';
    throw adminError(status === 413 ? 413 : 400, code, code, {}, undefined, { cause: err });
  }
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw adminError(400, 'bad_json', 'bad_json', {}, undefined, { cause: err });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw adminError(400, 'bad_json');
  }
  return parsed as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, name: string, required = true): string {
  const v = body[name];
  if (typeof v === 'string' && (!required || v.trim() !== '')) return v;
  if (!required && v === undefined) return '';
  const field = adminTexts().label('field', name);
  throw adminError(400, 'bad_request', required ? 'field_required' : 'field_type', { field }, [{ field: name, message: adminTexts().render(required ? 'error.field_required' : 'error.field_type', { field }) }]);
}

export function intParam(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw adminError(400, 'bad_request', 'positive_integer', { field: adminTexts().label('field', name) });
  return n;
}

const WORKFLOW_STATUS: Record<string, number> = {
  not_found: 404, unknown_key: 404, invalid_state: 409, same_person: 403, not_policy: 403, invalid_content: 422, comment_required: 400,
};
const USER_STATUS: Record<string, number> = { duplicate: 409, invalid: 400, not_found: 404 };

/** Turns known errors into JSON replies; anything else is logged and answered with a bare 500. */
export function errorMiddleware(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (err) {
      const { status, code, message, details } = describe(err);
      if (status >= 500) logger.error({ err, path: ctx.path, method: ctx.method }, 'admin api failure');
      ctx.status = status;
      ctx.body = { error: details === undefined ? { code, message } : { code, message, details } };
    }
  };
}

function describe(err: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (err instanceof AdminApiError) return { status: err.status, code: err.code, message: err.message, details: err.details };
  const texts = adminTexts();
  if (err instanceof TemplateWorkflowError) {
    const key = `error.workflow.${err.code}`;
    const message = texts.has(key) ? texts.render(key) : err.message;
    return { status: WORKFLOW_STATUS[err.code] ?? 400, code: err.code, message, details: err.problems.length ? err.problems : undefined };
  }
  if (err instanceof UserError) {
    const key = `error.user.${err.reason ?? err.code}`;
    return { status: USER_STATUS[err.code] ?? 400, code: err.code, message: texts.has(key) ? texts.render(key, err.vars) : err.message };
  }
  return { status: 500, code: 'internal', message: texts.render('error.internal') };
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
}

/** Writes the session cookie by hand: HttpOnly, SameSite=Strict, Secure behind https. */
export function setSessionCookie(ctx: Context, name: string, value: string, opts: CookieOptions): void {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${opts.maxAgeSeconds}`];
  if (opts.secure) parts.push('Secure');
  ctx.append('Set-Cookie', parts.join('; '));
}

export function readCookie(ctx: Context, name: string): string | undefined {
  const header = ctx.get('Cookie');
  for (const part of header.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return rest.join('=');
  }
  return undefined;
}
