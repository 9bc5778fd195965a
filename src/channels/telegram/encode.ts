import type { Reply } from '../../core/message.js';

/** sendMessage takes at most 4096 characters of text (Bot API sendMessage). */
export const TELEGRAM_TEXT_LIMIT = 4096;

function chunk(text: string, limit: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf('\n', limit) > limit / 2 ? rest.lastIndexOf('\n', limit) : limit;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  out.push(rest);
  return out;
}

/** Reply → the texts of the sendMessage calls, in order (plain text, no parse_mode). */
export function encodeTelegramReply(reply: Reply, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return reply.parts.filter((p) => p.trim().length > 0).flatMap((p) => chunk(p, limit));
}
