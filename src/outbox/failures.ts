import { DeliveryQuotaExceeded, DeliveryWindowClosed } from '../channels/wechat-official/push.js';

/** Why a message will never go out through its channel; retrying cannot help. */
export type UndeliverableReason = 'window' | 'quota' | 'no-sender' | 'attempts';

/**
 * Sorts a send failure: a closed window or a used-up quota is final (the villager must be
 * phoned); anything else (HTTP 5xx, a timeout, an unknown errcode) is worth another try.
 * QQ's QqReplyWindowError is recognised by name so the outbox needs no QQ import.
 */
export function permanentReason(err: unknown): UndeliverableReason | undefined {
  if (err instanceof DeliveryWindowClosed) return 'window';
  if (err instanceof DeliveryQuotaExceeded) return 'quota';
  if (err instanceof Error && err.name === 'QqReplyWindowError') {
    return (err as Error & { problem?: string }).problem === 'quota' ? 'quota' : 'window';
  }
  return undefined;
}

export function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 500);
}
