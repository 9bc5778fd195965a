import pino, { type DestinationStream, type Logger } from 'pino';
import { maskLogString, REDACTED, sanitizeForLog } from './log-sanitize.js';

export type { Logger };

export interface LoggerOptions {
  /** secret values (bot tokens, app secrets) cut out of every string that reaches the log */
  secrets?: readonly (string | undefined)[];
  /** where lines go (stdout by default; tests capture them) */
  destination?: DestinationStream;
}

/** Paths pino redacts before anything else; the sanitizer below catches the same keys at any depth. */
const REDACT_PATHS = [
  'password', 'secret', 'token', 'cookie', 'authorization',
  '*.password', '*.secret', '*.token', '*.access_token', '*.cookie', '*.authorization',
  '*.*.password', '*.*.secret', '*.*.token', '*.*.cookie', '*.*.authorization',
  'req.headers.authorization', 'req.headers.cookie', '*.headers.authorization', '*.headers.cookie', '*.headers["set-cookie"]',
];

/**
 * Structured JSON logs that cannot leak (issue 13): secrets are redacted by key at any depth and cut
 * out by value, phone and ID numbers are masked in every string, errors keep only their name,
 * message, code and stack, and platform objects (grammY contexts, API clients) are reduced to their
 * class name. See log-sanitize.ts.
 */
export function createLogger(level: string, opts: LoggerOptions = {}): Logger {
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const clean = { secrets };
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    formatters: {
      log: (obj) => sanitizeForLog(obj, clean),
      bindings: (bindings) => sanitizeForLog(bindings, clean),
    },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        // pino would take the message of a logged error raw: give it the masked one
        const head = first instanceof Error ? [{ err: first }] : [first];
        const tail = rest.length === 0 && err instanceof Error && typeof first !== 'string' ? [err.message] : rest;
        const safe = [...head, ...tail].map((a) => (typeof a === 'string' ? maskLogString(a, secrets) : a));
        method.apply(this, safe as Parameters<typeof method>);
      },
    },
    // the sanitizer has already turned errors into plain data; pino's own serializer would rename them
    serializers: { err: (value: unknown) => value },
  }, opts.destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });
