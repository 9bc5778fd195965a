/**
 * Two kinds of error (conventions §5):
 * - {@link UserFacingError}: an expected problem the user is told about through a template key.
 * - everything else: a bug or an outage, logged with context; the user gets the apology template.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    /** key of the template that explains the problem to the user */
    readonly templateKey: string,
    readonly vars: Record<string, string | number> = {},
    options?: ErrorOptions,
  ) {
    super(`user-facing: ${templateKey}`, options);
  }
}

/** An HTTP error; `expose` says whether its message may be shown to the caller (4xx) or not (5xx). */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly expose: boolean;
  constructor(readonly status: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.expose = status < 500;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

/** A platform signature or decryption check failed: the request is not from who it claims. */
export class SignatureError extends Error {
  override name = 'SignatureError';
}

/** A payload could not be understood (malformed XML/JSON, missing fields). */
export class PayloadError extends Error {
  override name = 'PayloadError';
}

/**
 * A platform will not take a proactive message now and retrying cannot help: outside its window
 * (WeChat 48 h, QQ's reply windows) or over its quota. The villager must be reached another way.
 */
export class PushRefusedError extends Error {
  override name = 'PushRefusedError';
  constructor(readonly reason: 'window' | 'quota', message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * The database could not be reached during a turn (its process died, hangs, or is restarting). The
 * turn was not stored; the spool keeps the message and it is processed when the database is back.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}
