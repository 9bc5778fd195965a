import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets are redacted by path wherever they could appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['*.password', '*.secret', '*.token', '*.access_token', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

export const silentLogger: Logger = pino({ level: 'silent' });
