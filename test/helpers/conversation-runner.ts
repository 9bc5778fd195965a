import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

/** A regular expression given as text; a pattern that does not compile is a file error, not a test crash. */
const regexText = z.string().min(1).refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false; // reported as the refinement's message below
  }
}, { message: 'not a valid regular expression' });

/**
 * One turn: what the villager says and at least one check on the reply (all reply parts joined by newlines):
 * `expect` substrings that must appear, `absent` substrings that must not, `match` a regular expression
 * (or a list of them) the reply must match.
 */
export const turnSchema = z
  .strictObject({
    say: z.string().min(1),
    expect: z.array(z.string().min(1)).optional(),
    absent: z.array(z.string().min(1)).optional(),
    match: z.union([regexText, z.array(regexText).min(1)]).optional(),
  })
  .refine((t) => Boolean(t.expect?.length) || Boolean(t.absent?.length) || t.match !== undefined, {
    message: 'turn has no check: give it expect, absent or match',
  });

export const conversationSchema = z.strictObject({ name: z.string().min(1), turns: z.array(turnSchema).min(1) });

export type ConversationTurn = z.infer<typeof turnSchema>;
export type Conversation = z.infer<typeof conversationSchema>;

/** A conversation file as read: its conversation, or why it is not a valid one. */
export type ConversationFile =
  | { file: string; conversation: Conversation; problem?: undefined }
  | { file: string; conversation?: undefined; problem: string };

/** Whoever the turns are said to: a web visitor, a fake platform user… */
export interface ConversationPartner {
  say(text: string): Promise<{ status: number; replies: string[] }>;
}

/** Reads and validates one conversation file; never throws for a bad file. */
export function readConversationFile(filePath: string): ConversationFile {
  const file = path.basename(filePath);
  let raw: unknown;
  try {
    raw = parse(readFileSync(filePath, 'utf8'));
  } catch (err) {
    return { file, problem: `${file}: not readable YAML: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed = conversationSchema.safeParse(raw);
  if (parsed.success) return { file, conversation: parsed.data };
  const issues = parsed.error.issues.map((i) => `  at ${describePath(raw, i.path)}: ${i.message}`);
  return { file, problem: `${file} is not a valid conversation:\n${issues.join('\n')}` };
}

/** 'turns[2] ("我要投诉")' rather than a bare index, so the bad turn is easy to find in the file. */
function describePath(raw: unknown, at: readonly PropertyKey[]): string {
  if (at.length === 0) return '(file)';
  const [head, index, ...rest] = at;
  let text = at.map(String).join('.');
  if (head === 'turns' && typeof index === 'number') {
    const turns = (raw as { turns?: unknown } | null)?.turns;
    const say = Array.isArray(turns) ? (turns[index] as { say?: unknown } | undefined)?.say : undefined;
    text = `turn ${index + 1}${typeof say === 'string' ? ` ("${say}")` : ''}${rest.length ? `.${rest.map(String).join('.')}` : ''}`;
  }
  return text;
}

/** Every *.yml in `dir`, sorted by name. */
export function readConversationDir(dir: string): ConversationFile[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yml')).sort().map((f) => readConversationFile(path.join(dir, f)));
}

/** Says each turn to a fresh partner and checks the replies; the failure names the turn and shows the reply. */
export async function runConversation(conversation: Conversation, partner: ConversationPartner): Promise<void> {
  for (const [i, turn] of conversation.turns.entries()) {
    const res = await partner.say(turn.say);
    const text = res.replies.join('\n');
    const where = `turn ${i + 1} "${turn.say}" got:\n${text}`;
    expect(res.status, where).toBe(200);
    for (const s of turn.expect ?? []) expect(text, where).toContain(s);
    for (const s of turn.absent ?? []) expect(text, where).not.toContain(s);
    for (const r of toList(turn.match)) expect(text, where).toMatch(new RegExp(r));
  }
}

function toList(match: string | string[] | undefined): string[] {
  if (match === undefined) return [];
  return typeof match === 'string' ? [match] : match;
}

/**
 * Registers one test per conversation file in `dir` (call inside a describe that starts the bot).
 * A file that is not a valid conversation (e.g. a turn without a check) gets a failing test saying why.
 */
export function conversationTests(dir: string, newPartner: () => ConversationPartner): void {
  const files = readConversationDir(dir);
  it('has conversation files', () => {
    expect(files.length, `no *.yml in ${dir}`).toBeGreaterThan(0);
  });
  for (const f of files) {
    const title = f.conversation ? `${f.file}: ${f.conversation.name}` : `${f.file}: (invalid file)`;
    it(title, async () => {
      if (f.problem !== undefined) throw new Error(f.problem);
      await runConversation(f.conversation, newPartner());
    });
  }
}
