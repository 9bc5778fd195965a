import path from 'node:path';
import { loadAnswerPhrases, PHRASE_KEYS } from './answer-phrases.js';
import { formatIssues, parseOffices, parseServiceFiles } from './service-template.loader.js';
import {
  isPending, PENDING_MARKER, SERVICE_IDS, ServiceTemplateSchema, type ServiceTemplate,
} from './service-template.schema.js';

const REF = /\{(\w+)\}/g;

/** Every `{key}` used in the template's villager-facing text (placeholders and admin notes excluded). */
function contentJson(t: ServiceTemplate): string {
  return JSON.stringify({ ...t, placeholders: undefined, adminNotes: undefined });
}

function referencedKeys(t: ServiceTemplate): Set<string> {
  return new Set([...contentJson(t).matchAll(REF)].map((m) => m[1]!));
}

function checkTemplate(file: string, t: ServiceTemplate, offices: ReadonlySet<string>, isFile = true): string[] {
  const problems: string[] = [];
  const where = `${file} (${t.id})`;
  if (isFile && path.basename(file).replace(/\.ya?ml$/, '') !== t.id) problems.push(`${where}: file name must be ${t.id}.yml`);

  const materialIds = new Set<string>();
  const wordOwner = new Map<string, string>();
  for (const m of t.materials) {
    if (materialIds.has(m.id)) problems.push(`${where}: duplicate material id "${m.id}"`);
    materialIds.add(m.id);
    for (const a of m.aliases) {
      const owner = wordOwner.get(a);
      if (owner && owner !== m.id) problems.push(`${where}: alias "${a}" used by materials ${owner} and ${m.id}`);
      wordOwner.set(a, m.id);
    }
  }

  const officeRefs = [t.office, ...t.procedure.map((s) => s.office)];
  for (const ref of officeRefs) if (!offices.has(ref)) problems.push(`${where}: unknown office "${ref}"`);

  const used = referencedKeys(t);
  for (const key of used) if (!(key in t.placeholders)) problems.push(`${where}: placeholder {${key}} is not defined`);
  for (const [key, p] of Object.entries(t.placeholders)) {
    if (!used.has(key)) problems.push(`${where}: placeholder "${key}" is defined but never used`);
    if (p.value.includes(PENDING_MARKER.slice(1, -1)) && !(isPending(p.value) && p.value.trimEnd().endsWith('】'))) {
      problems.push(`${where}: placeholder "${key}" marker must look like ${PENDING_MARKER}…】`);
    }
  }
  if (contentJson(t).includes(PENDING_MARKER.slice(1, -1))) {
    problems.push(`${where}: a pending marker is written in the text; put it in a placeholder so villagers never see it`);
  }
  return problems;
}

/**
 * Checks templates/ (services/*.yml, offices.yml, answers.yml): every file parses and fits the schema, service ids
 * are unique and complete, material ids and aliases unique per service, office references exist, every `{key}`
 * used is defined (and every placeholder used), every phrase key the renderers use exists. Returns the problems.
 */
export function validateTemplates(dir = 'templates'): string[] {
  const problems: string[] = [];
  const offices = parseOffices(dir, problems);
  const parsed = parseServiceFiles(dir, problems);
  const seen = new Map<string, string>();
  for (const { file, template } of parsed) {
    const before = seen.get(template.id);
    if (before) problems.push(`${file}: duplicate service id "${template.id}" (also in ${before})`);
    seen.set(template.id, file);
    problems.push(...checkTemplate(file, template, new Set(offices.keys())));
  }
  if (problems.length === 0) {
    for (const id of SERVICE_IDS) if (!seen.has(id)) problems.push(`${dir}/services: no template for "${id}"`);
  }
  const phrases = loadAnswerPhrases(dir, problems);
  for (const key of PHRASE_KEYS) if (!phrases.has(key)) problems.push(`${dir}/answers.yml: missing phrase "${key}"`);
  return problems;
}

/**
 * Checks one service template's content (e.g. an admin-edited version before it is stored): schema, material ids,
 * office references, placeholder references. Fits the template store's `ContentValidator` once offices are bound.
 */
export function checkServiceContent(content: unknown, officeIds: ReadonlySet<string>, label = 'content'): string[] {
  const parsed = ServiceTemplateSchema.safeParse(content);
  if (!parsed.success) return formatIssues(label, parsed.error);
  return checkTemplate(label, parsed.data, officeIds, false);
}
