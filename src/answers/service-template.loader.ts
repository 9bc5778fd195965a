import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  OfficesFileSchema, ServiceTemplateSchema,
  type Office, type Offices, type ServiceId, type ServiceTemplate,
} from './service-template.schema.js';

// validate-data.ts imports it from here; the implementation lives beside its helpers.
export { validateTemplates, checkServiceContent } from './validate-templates.js';

/** The template data on disk is broken; `problems` lists every problem found. */
export class TemplateDataError extends Error {
  override name = 'TemplateDataError';
  constructor(readonly problems: string[], options?: ErrorOptions) {
    super(`invalid template data:\n  - ${problems.join('\n  - ')}`, options);
  }
}

export const servicesDir = (dir: string): string => path.join(dir, 'services');

/** YAML files of templates/services, sorted. */
export function serviceFiles(dir: string): string[] {
  return readdirSync(servicesDir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
}

export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** Reads and parses one YAML file; a parse failure becomes a problem line, not an exception. */
export function readYaml(file: string, problems: string[]): unknown {
  try {
    return parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    problems.push(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
}

/** Parses every service file; returns what parsed and the problems of what did not. */
export function parseServiceFiles(dir: string, problems: string[]): { file: string; template: ServiceTemplate }[] {
  const out: { file: string; template: ServiceTemplate }[] = [];
  for (const name of serviceFiles(dir)) {
    const file = path.join(servicesDir(dir), name);
    const data = readYaml(file, problems);
    if (data === undefined) continue;
    const parsed = ServiceTemplateSchema.safeParse(data);
    if (parsed.success) out.push({ file, template: parsed.data });
    else problems.push(...formatIssues(file, parsed.error));
  }
  return out;
}

export function parseOffices(dir: string, problems: string[]): Map<string, Office> {
  const file = path.join(dir, 'offices.yml');
  const data = readYaml(file, problems);
  if (data === undefined) return new Map();
  const parsed = OfficesFileSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...formatIssues(file, parsed.error));
    return new Map();
  }
  return new Map(Object.entries(parsed.data));
}

/** Loads templates/services/*.yml; throws {@link TemplateDataError} when any file is invalid. */
export function loadServiceTemplates(dir = 'templates'): Map<ServiceId, ServiceTemplate> {
  const problems: string[] = [];
  const parsed = parseServiceFiles(dir, problems);
  if (problems.length > 0) throw new TemplateDataError(problems);
  return new Map(parsed.map(({ template }) => [template.id, template]));
}

/** Loads templates/offices.yml; throws {@link TemplateDataError} when it is invalid. */
export function loadOffices(dir = 'templates'): Offices {
  const problems: string[] = [];
  const offices = parseOffices(dir, problems);
  if (problems.length > 0) throw new TemplateDataError(problems);
  return offices;
}
