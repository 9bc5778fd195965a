import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Logger } from '../logger.js';
import { renderChecklist } from './render-checklist.js';
import { checkServiceContent, loadOffices, parseServiceFiles } from './service-template.loader.js';
import { ServiceTemplateSchema } from './service-template.schema.js';
import { TemplateStore, type SeedEntry } from './store/index.js';

/** Store keys: `service:<id>` for a service's answers and checklist, `system:<key>` for a system message. */
export const serviceKey = (id: string): string => `service:${id}`;
export const systemKey = (key: string): string => `system:${key}`;

/** The initial published texts: templates/services/*.yml and templates/system.yml. */
export function seedEntries(templatesDir: string): SeedEntry[] {
  const problems: string[] = [];
  const services = parseServiceFiles(templatesDir, problems).map(({ template }) => ({
    key: serviceKey(template.id), category: template.category, content: template as unknown,
  }));
  const system = parse(readFileSync(path.join(templatesDir, 'system.yml'), 'utf8')) as Record<string, string>;
  const messages = Object.entries(system).map(([k, v]) => ({ key: systemKey(k), category: 'town' as const, content: v as unknown }));
  if (problems.length) throw new Error(`templates are invalid:\n${problems.join('\n')}`);
  return [...services, ...messages];
}

/** Validates an edited template's content before it can be saved. */
export function templateValidator(templatesDir: string): (key: string, content: unknown) => string[] {
  const offices = new Set(loadOffices(templatesDir).keys());
  return (key, content) => {
    if (key.startsWith('service:')) return checkServiceContent(content, offices, key);
    if (key.startsWith('system:')) return typeof content === 'string' && content.trim() ? [] : [`${key}: must be non-empty text`];
    return [`${key}: unknown kind of template`];
  };
}

/**
 * How a draft would look on WeChat and QQ (the admin page's preview). `fillText` puts the variables of a system
 * message in ({township} …) as the bot would.
 */
export function previewText(fillText: (text: string) => string = (t) => t) {
  return (key: string, content: unknown): string => {
    if (key.startsWith('service:')) {
      const parsed = ServiceTemplateSchema.safeParse(content);
      if (parsed.success) return renderChecklist(parsed.data, undefined, 1_000_000).join('\n\n');
    }
    return typeof content === 'string' ? fillText(content) : JSON.stringify(content, null, 2);
  };
}

export function createTemplateStore(templatesDir: string, logger: Logger): TemplateStore {
  return new TemplateStore({ validate: templateValidator(templatesDir), logger });
}
