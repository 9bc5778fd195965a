import type { Context, Next } from 'koa';
import getRawBody from 'raw-body';
import type { Logger } from 'pino';
import { HttpError } from '../core/errors.js';
import { TemplateWorkflowError, UserError } from '../answers/store/index.js';

/** An HTTP refusal with a machine-readable code, rendered as `{ error: { code, message } }`. */
export class AdminApiError extends HttpError {
  override name = 'AdminApiError';
  constructor(status: number, readonly code: string, message: string, readonly details?: unknown, options?: ErrorOptions) {
    super(status, message, options);
  }
}

export const BODY_LIMIT = 256 * 1024;

/** Reads a JSON object body with a size cap (no body-parser is installed on purpose). */
export async function readJson(ctx: Context): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await getRawBody(ctx.req, { limit: BODY_LIMIT, encoding: 'utf8', length: ctx.request.length });
  } catch (err) {
    const status = (err as { status?: number }).status ?? 400;
    throw new AdminApiError(status === 413 ? 413 : 400, status === 413 ? 'body_too_large' : 'bad_body', 'request body could not be read', undefined, { cause: err });
  }
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new AdminApiError(400, 'bad_json', 'request body is not valid JSON', undefined, { cause: err });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AdminApiError(400, 'bad_json', 'request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, name: string, required = true): string {
  const v = body[name];
  if (typeof v === 'string' && (!required || v.trim() !== '')) return v;
  if (!required && v === undefined) return '';
  throw new AdminApiError(400, 'bad_request', `field "${name}" must be a ${required ? 'non-empty ' : ''}string`);
}

export function intParam(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AdminApiError(400, 'bad_request', `${name} must be a positive integer`);
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
  if (err instanceof TemplateWorkflowError) {
    return { status: WORKFLOW_STATUS[err.code] ?? 400, code: err.code, message: err.message, details: err.problems.length ? err.problems : undefined };
  }
  if (err instanceof UserError) return { status: USER_STATUS[err.code] ?? 400, code: err.code, message: err.message };
  return { status: 500, code: 'internal', message: 'internal error' };
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
