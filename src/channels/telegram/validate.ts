import { z } from 'zod';
import type { Update } from './types.js';

/**
 * The parts of an update the decoder relies on, checked before grammY sees it: a webhook caller
 * that holds the secret can still send `entities: [null]` or a chat without an id, and that is bad
 * input (400), not a failed turn (issue 13, findings 1 and 5).
 */
const int = z.number().int().safe();
const entity = z.object({ type: z.string(), offset: int.min(0), length: int.min(0) }).loose();
const message = z.object({
  message_id: int,
  date: int.min(0).max(1e10),
  chat: z.object({ id: int, type: z.string() }).loose(),
  from: z.object({ id: int, is_bot: z.boolean() }).loose().optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entity).optional(),
  caption_entities: z.array(entity).optional(),
  reply_to_message: z.object({ from: z.object({ id: int }).loose().optional() }).loose().optional(),
}).loose();
const update = z.object({ update_id: int, message: message.optional() }).loose();

/** The update, or undefined when it is not JSON or not shaped as the Bot API documents. */
export function parseTelegramUpdate(raw: Buffer): Update | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined; // not JSON
  }
  return update.safeParse(json).success ? (json as Update) : undefined;
}
