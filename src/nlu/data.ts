import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { colloquialFileSchema, colloquialProblems, type ColloquialData } from './colloquial.js';
import { framesFileSchema, type FrameDef } from './frames.js';
import { PENDING_STATES, SERVICE_IDS, type PendingState, type ServiceId } from './types.js';

/** Raised when intents/ cannot be loaded; `problems` lists every issue found. */
export class IntentDataError extends Error {
  override name = 'IntentDataError';
  constructor(readonly problems: string[], options?: ErrorOptions) {
    super(`intent data invalid:\n${problems.join('\n')}`, options);
  }
}

const text = z.string().trim().min(1);
const pending = z.enum(PENDING_STATES as [PendingState, ...PendingState[]]);

const intentSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  description: text,
  keywords: z.array(text).default([]),
  examples: z.array(text).min(20),
  /** `{svc}` is replaced by each service's villager names */
  templates: z.array(text.regex(/\{svc\}/)).default([]),
  /** whether a message of this intent that names no service concerns the conversation's last service */
  carriesService: z.boolean().default(true),
  context: z.object({
    pending,
    /** confidence cap when that state is NOT pending and no keyword matched */
    capWithout: z.number().min(0).max(1).optional(),
    /** messages that mean this intent only while `pending` */
    examples: z.array(text).default([]),
  }).strict().optional(),
}).strict();

const serviceSchema = z.object({
  id: z.enum(SERVICE_IDS as [ServiceId, ...ServiceId[]]),
  label: text,
  /** how villagers name it; used in `{svc}` templates and matched with weight 3 */
  names: z.array(text).min(1),
  /** typos, homophones, dialect, traditional forms; weight 3 */
  variants: z.array(text).default([]),
  /** words that point to the service without naming it; weight 1 */
  cues: z.array(text).default([]),
  /** multiplies the score: the service wins when named with another (大病 for a 低保 household) */
  priority: z.number().positive().default(1),
}).strict();

const servicesFileSchema = z.object({
  services: z.array(serviceSchema).min(1),
  /** groups of characters that sound alike (voice input, pinyin typing): 保包宝 */
  homophones: z.array(text.min(2)).default([]),
}).strict();
const dictionaryFileSchema = z.object({ words: z.array(text).min(1) }).strict();
/** intents/more/*.yml: further examples of one intent, kept apart by who wrote them and why */
const moreFileSchema = z.object({ intent: z.string().regex(/^[a-z_]+$/), source: text, examples: z.array(text).min(1) }).strict();
const MORE_DIR = 'more';

export type IntentDef = z.infer<typeof intentSchema>;
export type ServiceDef = z.infer<typeof serviceSchema>;
export interface IntentData {
  intents: IntentDef[]; services: ServiceDef[]; homophones: string[]; dictionary: string[];
  colloquial: ColloquialData; frames: FrameDef[];
}

const SPECIAL = new Set(['services.yml', 'dictionary.yml', 'colloquial.yml', 'frames.yml']);
const NO_COLLOQUIAL: ColloquialData = { rewrites: [], soundAlike: { confirmBy: [], everyday: [], merge: [] } };

function readYaml(file: string): unknown {
  return parse(readFileSync(file, 'utf8')) as unknown;
}

function issues(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
}

function crossChecks(data: IntentData): string[] {
  const problems: string[] = [];
  const ids = data.intents.map((i) => i.id);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`intent ${id} defined twice`);
  if (!ids.includes('out_of_scope')) problems.push('the fallback intent out_of_scope is missing');
  for (const s of SERVICE_IDS) if (!data.services.some((d) => d.id === s)) problems.push(`service ${s} missing`);
  const seen = new Map<string, string>();
  for (const intent of data.intents) {
    for (const ex of intent.examples) {
      const other = seen.get(ex);
      if (other !== undefined && other !== intent.id) problems.push(`example "${ex}" is in both ${other} and ${intent.id}`);
      seen.set(ex, intent.id);
    }
  }
  return problems;
}

/** Adds the examples of intents/more/*.yml to their intents. */
function mergeMore(dir: string, data: IntentData, parseFile: <T>(file: string, schema: z.ZodType<T>) => T | undefined): string[] {
  let files: string[];
  try {
    files = readdirSync(path.join(dir, MORE_DIR)).filter((f) => f.endsWith('.yml')).sort();
  } catch {
    return [];
  }
  const problems: string[] = [];
  for (const f of files) {
    const more = parseFile(path.join(MORE_DIR, f), moreFileSchema);
    if (!more) continue;
    const intent = data.intents.find((i) => i.id === more.intent);
    if (!intent) {
      problems.push(`${MORE_DIR}/${f}: unknown intent ${more.intent}`);
      continue;
    }
    const have = new Set(intent.examples);
    intent.examples.push(...more.examples.filter((e) => !have.has(e)));
  }
  return problems;
}

/** Reads and checks intents/; returns the data and every problem found. */
export function readIntentData(dir = 'intents'): { data: IntentData; problems: string[] } {
  const problems: string[] = [];
  const data: IntentData = { intents: [], services: [], homophones: [], dictionary: [], colloquial: NO_COLLOQUIAL, frames: [] };
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
  } catch (err) {
    return { data, problems: [`cannot read ${dir}: ${(err as Error).message}`] };
  }
  const parseFile = <T>(file: string, schema: z.ZodType<T>): T | undefined => {
    try {
      const r = schema.safeParse(readYaml(path.join(dir, file)));
      if (r.success) return r.data;
      problems.push(...issues(file, r.error));
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
    return undefined;
  };
  const services = parseFile('services.yml', servicesFileSchema);
  data.services = services?.services ?? [];
  data.homophones = services?.homophones ?? [];
  data.dictionary = parseFile('dictionary.yml', dictionaryFileSchema)?.words ?? [];
  data.colloquial = parseFile('colloquial.yml', colloquialFileSchema) ?? NO_COLLOQUIAL;
  data.frames = parseFile('frames.yml', framesFileSchema)?.frames ?? [];
  problems.push(...colloquialProblems(data.colloquial));
  for (const f of files.filter((x) => !SPECIAL.has(x))) {
    const intent = parseFile(f, intentSchema);
    if (intent && `${intent.id}.yml` !== f) problems.push(`${f}: id ${intent.id} does not match the file name`);
    if (intent) data.intents.push(intent);
  }
  problems.push(...mergeMore(dir, data, parseFile));
  problems.push(...crossChecks(data));
  return { data, problems };
}

/** The check the test gate runs: [] when intents/ is valid. */
export function validateIntentData(dir = 'intents'): string[] {
  return readIntentData(dir).problems;
}

/** Loads intents/ or throws {@link IntentDataError}. */
export function loadIntentData(dir = 'intents'): IntentData {
  const { data, problems } = readIntentData(dir);
  if (problems.length > 0) throw new IntentDataError(problems);
  return data;
}
