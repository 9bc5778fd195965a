import { timingSafeEqual } from 'node:crypto';

/**
 * Checks X-Telegram-Bot-Api-Secret-Token (the `secret_token` given to setWebhook) in constant time.
 * A missing header or an empty configured secret never matches.
 */
export function telegramSecretMatches(configured: string, presented: string | undefined): boolean {
  if (configured.length === 0 || !presented) return false;
  const a = Buffer.from(configured, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
