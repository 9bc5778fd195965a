/**
 * The staff-room command language: short Chinese verbs, tolerant of spaces, full-width characters,
 * full-width digits and colons. Parsing only; what a command does is in commands.ts.
 */
export type StaffCommand =
  | { verb: 'take'; number: string }
  | { verb: 'transfer'; number: string; office: string; reason: string }
  | { verb: 'reply'; number: string; text: string }
  | { verb: 'close'; number: string; result: string }
  | { verb: 'extend'; number: string; days: number; reason: string }
  | { verb: 'approve'; number: string }
  | { verb: 'reject'; number: string; reason: string; basis: string }
  | { verb: 'show'; number: string }
  /** 驳回: a leader refuses the pending 否定报备, else the pending extension */
  | { verb: 'refuse'; number: string; reason: string }
  /** 中止 / 恢复: the 依申请公开 clock stops and runs again (002 第十六条(三)) */
  | { verb: 'pause'; number: string; reason: string }
  | { verb: 'resume'; number: string }
  /** 约谈记录: what was said and agreed at the 视频约谈 (000 §2) */
  | { verb: 'recordInterview'; number: string; text: string }
  | { verb: 'duty' }
  | { verb: 'leave'; until: string; substitute: string };

export type Verb = StaffCommand['verb'];

export type ParseResult =
  | { kind: 'command'; command: StaffCommand }
  /** the message starts with a command word but its arguments are missing or malformed */
  | { kind: 'malformed'; verb: Verb }
  /** not a command (ordinary chat) */
  | { kind: 'none' };

const VERBS: readonly (readonly [string, Verb])[] = [
  ['接单', 'take'], ['认领', 'take'], ['转办', 'transfer'], ['回复', 'reply'], ['答复', 'reply'], ['办结', 'close'],
  ['延期', 'extend'], ['批准', 'approve'], ['否定', 'reject'], ['查询', 'show'], ['查', 'show'], ['值班', 'duty'], ['请假', 'leave'],
  ['驳回', 'refuse'], ['不批准', 'refuse'], ['中止', 'pause'], ['恢复', 'resume'], ['约谈记录', 'recordInterview'],
];

/** Full-width to half-width (NFKC), colons and ideographic spaces to plain spaces, runs of spaces to one. */
export function normalizeCommandText(text: string): string {
  return text.normalize('NFKC').replace(/[:：,，、]/g, ' ').replace(/\s+/g, ' ').trim();
}

const NUMBER_RE = /^(T\d{8}-\d{4,}|\d{1,12})$/i;

/** The first word and the rest of the text. */
function head(text: string): [string, string] {
  const m = /^(\S+)\s*(.*)$/s.exec(text);
  return m ? [m[1] ?? '', m[2] ?? ''] : ['', ''];
}

/** Splits off the case number: "T20260302-0001 …" or "0001 …", also "接单0001" written without a space. */
function number(rest: string): [string, string] | null {
  const m = /^(T\d{8}-\d{4,}|\d{1,12})(?:\s+|$)(.*)$/is.exec(rest);
  if (!m?.[1] || !NUMBER_RE.test(m[1])) return null;
  return [m[1].toUpperCase(), (m[2] ?? '').trim()];
}

function withNumber(verb: Verb, rest: string, build: (n: string, args: string) => StaffCommand | null): ParseResult {
  const split = number(rest);
  const cmd = split ? build(split[0], split[1]) : null;
  return cmd ? { kind: 'command', command: cmd } : { kind: 'malformed', verb };
}

function parseArgs(verb: Verb, rest: string): ParseResult {
  switch (verb) {
    case 'take': case 'approve': case 'show': case 'resume':
      return withNumber(verb, rest, (n, args) => (args ? null : { verb, number: n }));
    case 'transfer':
      return withNumber(verb, rest, (n, args) => {
        const [office, reason] = head(args);
        return office ? { verb, number: n, office, reason: reason.trim() } : null;
      });
    case 'reply': return withNumber(verb, rest, (n, args) => ({ verb, number: n, text: args }));
    case 'close': return withNumber(verb, rest, (n, args) => ({ verb, number: n, result: args }));
    case 'extend':
      return withNumber(verb, rest, (n, args) => {
        const m = /^(\d{1,3})\s*(?:个工作日|个?天|日)?\s*(.*)$/s.exec(args);
        return m ? { verb, number: n, days: Number(m[1]), reason: (m[2] ?? '').trim() } : null;
      });
    case 'reject':
      return withNumber(verb, rest, (n, args) => {
        const [reason, basis] = head(args);
        return reason ? { verb, number: n, reason, basis: basis.trim() } : null;
      });
    // no rule checks a refusal's reason, so the room insists on one: the holder and the villager are told why
    case 'refuse': return withNumber(verb, rest, (n, args) => (args ? { verb, number: n, reason: args } : null));
    case 'pause': return withNumber(verb, rest, (n, args) => ({ verb, number: n, reason: args }));
    case 'recordInterview': return withNumber(verb, rest, (n, args) => (args ? { verb, number: n, text: args } : null));
    case 'duty': return rest ? { kind: 'malformed', verb } : { kind: 'command', command: { verb } };
    case 'leave': {
      const m = /^到\s*(\S+?)\s*由\s*(\S+?)\s*(?:替岗|顶岗|代班)?$/.exec(rest);
      return m?.[1] && m[2] ? { kind: 'command', command: { verb, until: m[1], substitute: m[2] } } : { kind: 'malformed', verb };
    }
  }
}

const SEPARATORS = '[\\s:：,，、]';
const RAW_NUMBER = '(?:[TtＴｔ][0-9０-９]{8}[-－‐—][0-9０-９]{4,}|[0-9０-９]{1,12})';

/** The message as written after the command word and the case number: free text keeps its punctuation. */
function writtenTail(raw: string, word: string): string | undefined {
  const re = new RegExp(`^\\s*${word}${SEPARATORS}*${RAW_NUMBER}(?:${SEPARATORS}+|$)([\\s\\S]*)$`);
  return re.exec(raw)?.[1]?.trim();
}

function dropFirstWord(text: string): string {
  return text.replace(new RegExp(`^[^\\s:：,，、]+${SEPARATORS}*`), '').trim();
}

/**
 * The structure (verb, number, office, days) is read from the normalised text; the free text a
 * villager or leader will read (the answer, the result, the reasons) is taken as the staff member wrote it.
 */
function keepWrittenText(command: StaffCommand, raw: string, word: string): StaffCommand {
  const tail = writtenTail(raw, word);
  if (tail === undefined) return command;
  switch (command.verb) {
    case 'reply': return { ...command, text: tail };
    case 'close': return { ...command, result: tail };
    case 'transfer': return { ...command, reason: dropFirstWord(tail) };
    case 'extend': return { ...command, reason: tail.replace(new RegExp(`^[0-9０-９]{1,3}\\s*(?:个工作日|个?天|日)?${SEPARATORS}*`), '').trim() };
    case 'reject': return { ...command, basis: dropFirstWord(tail) };
    case 'refuse': case 'pause': return { ...command, reason: tail };
    case 'recordInterview': return { ...command, text: tail };
    default: return command;
  }
}

/** Reads one message. Chat that does not start with a command word is 'none'. */
export function parseCommand(raw: string): ParseResult {
  const text = normalizeCommandText(raw);
  for (const [word, verb] of VERBS) {
    if (!text.startsWith(word)) continue;
    const rest = text.slice(word.length).trim();
    const glued = text.slice(word.length);
    // "查一下…" or "回复一下" is talk, not a command: a command word is followed by a space, a number or nothing
    if (glued && !/^[\sT\d到]/i.test(glued)) return { kind: 'none' };
    const parsed = parseArgs(verb, rest);
    return parsed.kind === 'command' ? { kind: 'command', command: keepWrittenText(parsed.command, raw, word) } : parsed;
  }
  return { kind: 'none' };
}
