import { maskPersonalData } from './nlu/entities.js';

/**
 * What may reach a log line (issue 13, finding 1). Everything a log call is given passes through
 * {@link sanitizeForLog} at any depth:
 * - values under secret-looking keys (tokens, secrets, passwords, cookies, authorization, signatures)
 *   become "[redacted]";
 * - every string (and every integer that reads as a phone or ID number) is masked by the NLU's
 *   PII masker, and the configured secrets' values are cut out wherever they appear;
 * - errors become {type, message, code, status, stack, cause}: never their other properties
 *   (grammY's BotError carries the whole context, with the bot token in its API client);
 * - objects that are not plain data (platform contexts, API clients, sockets) become "[ClassName]".
 */

export const REDACTED = '[redacted]';
const SECRET_KEY = /passw(or)?d|^pass$|secret|token|cookie|authori[sz]ation|api[-_]?key|signature|aes[-_]?key|credential|^sig$/i;
/** a Telegram bot token (`<bot id>:<35 chars>`), also inside URLs such as /bot<token>/sendMessage */
const TELEGRAM_TOKEN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;
const MAX_DEPTH = 8;
const MAX_ARRAY = 50;

export interface SanitizeOptions {
  /** values that must never appear in a log (bot tokens, app secrets), cut out of every string */
  secrets: readonly string[];
}

export function maskLogString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 6 && out.includes(s)) out = out.split(s).join(REDACTED);
  return maskPersonalData(out.replace(TELEGRAM_TOKEN, REDACTED));
}

function maskNumber(n: number): number | string {
  if (!Number.isSafeInteger(n) || n < 1e10) return n;
  const text = String(n);
  const masked = maskPersonalData(text);
  return masked === text ? n : masked;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function serializeError(err: Error, opts: SanitizeOptions, depth: number): Record<string, unknown> {
  const e = err as Error & { code?: unknown; status?: unknown; error_code?: unknown; description?: unknown; method?: unknown };
  const out: Record<string, unknown> = { type: err.name || err.constructor.name, message: maskLogString(String(err.message), opts.secrets) };
  for (const key of ['code', 'status', 'error_code', 'description', 'method'] as const) {
    const v = e[key];
    if (typeof v === 'string' || typeof v === 'number') out[key] = typeof v === 'string' ? maskLogString(v, opts.secrets) : v;
  }
  if (typeof err.stack === 'string') out.stack = maskLogString(err.stack, opts.secrets);
  if (err.cause !== undefined && depth < MAX_DEPTH) out.cause = sanitizeValue(err.cause, opts, depth + 1);
  return out;
}

function sanitizeValue(value: unknown, opts: SanitizeOptions, depth: number): unknown {
  switch (typeof value) {
    case 'string': return maskLogString(value, opts.secrets);
    case 'number': return maskNumber(value);
    case 'bigint': return maskLogString(value.toString(), opts.secrets);
    case 'boolean': case 'undefined': return value;
    case 'function': case 'symbol': return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  if (depth >= MAX_DEPTH) return '[deep]';
  if (obj instanceof Error) return serializeError(obj, opts, depth);
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (Buffer.isBuffer(obj)) return `[Buffer ${obj.length} bytes]`;
  if (Array.isArray(obj)) {
    const items = obj.slice(0, MAX_ARRAY).map((v) => sanitizeValue(v, opts, depth + 1));
    return obj.length > MAX_ARRAY ? [...items, `[${obj.length - MAX_ARRAY} more]`] : items;
  }
  if (!isPlainObject(obj)) return `[${obj.constructor?.name ?? 'object'}]`;
  return sanitizeObject(obj as Record<string, unknown>, opts, depth + 1);
}

function sanitizeObject(obj: Record<string, unknown>, opts: SanitizeOptions, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    if (SECRET_KEY.test(key)) {
      if (v !== undefined) out[key] = REDACTED;
      continue;
    }
    const clean = sanitizeValue(v, opts, depth);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

/** The log-safe copy of a log call's object (see the module comment). */
export function sanitizeForLog(obj: Record<string, unknown>, opts: SanitizeOptions): Record<string, unknown> {
  return sanitizeObject(obj, opts, 0);
}
