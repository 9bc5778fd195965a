import type { GroupMention } from '../../core/group-chat.js';
import type { WecomStreamReply, WecomWebhookMarkdown } from './types.js';

/** 消息推送 markdown content is at most 4096 bytes (UTF-8). */
export const WEBHOOK_MARKDOWN_BYTES = 4096;

/** The bot's answer to a member, as a finished stream reply (path/101031). */
export function streamReply(id: string, content: string): WecomStreamReply {
  return { msgtype: 'stream', stream: { id, finish: true, content } };
}

/** `<@userid>` for members with a 企业微信 account, `@name` for the others (markdown has no mentioned_list). */
export function mentionLine(mentions: readonly GroupMention[]): string {
  return mentions.map((m) => (m.directoryId ? `<@${m.directoryId}>` : m.handle ? `@${m.handle}` : '')).filter(Boolean).join(' ');
}

/**
 * A post as 消息推送 markdown bodies: the mentions first, then the text, split at line ends so that
 * each body stays within 4096 bytes (a long digest becomes several posts rather than a refused one).
 */
export function webhookBodies(text: string, mentions: readonly GroupMention[] = []): WecomWebhookMarkdown[] {
  const head = mentionLine(mentions);
  const lines = (head ? `${head}\n${text}` : text).split('\n');
  const bodies: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (current && Buffer.byteLength(next) > WEBHOOK_MARKDOWN_BYTES) {
      bodies.push(current);
      current = line;
    } else current = next;
  }
  if (current) bodies.push(current);
  return bodies.map((content) => ({ msgtype: 'markdown', markdown: { content: truncateBytes(content, WEBHOOK_MARKDOWN_BYTES) } }));
}

function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = text;
  while (Buffer.byteLength(`${out}…`) > max) out = out.slice(0, -1);
  return `${out}…`;
}
