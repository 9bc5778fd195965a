import { PushRefusedError } from '../core/errors.js';

/** Why a message will never go out through its channel; retrying cannot help. */
export type UndeliverableReason = 'window' | 'quota' | 'no-sender' | 'attempts';

/**
 * Sorts a send failure: a closed window or a used-up quota is final (the villager must be
 * phoned); anything else (HTTP 5xx, a timeout, an unknown errcode) is worth another try.
 * Every channel raises core's PushRefusedError for the final kind, so the outbox imports no channel.
 */
export function permanentReason(err: unknown): UndeliverableReason | undefined {
  return err instanceof PushRefusedError ? err.reason : undefined;
}

export function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 500);
}
