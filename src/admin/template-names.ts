import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { fill, type TemplateVars } from '../answers/catalog.js';
import { loadOffices } from '../answers/service-template.loader.js';

/** templates/admin-console.yml (+ offices.yml): the Chinese names the console lists templates by, and the preview's sample values. */
export interface ConsoleTexts {
  /** Chinese name of a template key; a service's own name when the content has one; the key otherwise */
  nameOf(key: string, content: unknown): string;
  /** a system message as a villager reads it: {township} from the config, the rest from the sample values */
  fillPreview(text: string): string;
  /** templates/offices.yml for the form's office choices and the "where" of each step */
  offices: { code: string; name: string; address: string; hours: string; phone: string }[];
}

export function loadConsoleTexts(templatesDir: string, vars: TemplateVars = {}): ConsoleTexts {
  const data = parse(readFileSync(path.join(templatesDir, 'admin-console.yml'), 'utf8')) as {
    templateNames?: Record<string, string>; previewSamples?: Record<string, string>;
  };
  const names = data.templateNames ?? {};
  const samples: TemplateVars = { ...(data.previewSamples ?? {}), ...vars };
  return {
    nameOf(key, content) {
      const [kind, id = ''] = key.split(':', 2);
      const own = content && typeof content === 'object' && typeof (content as { name?: unknown }).name === 'string' ? (content as { name: string }).name : undefined;
      if (kind === 'service' && own) return own;
      return names[id] ?? own ?? key;
    },
    fillPreview: (text) => fill(text, samples),
    offices: [...loadOffices(templatesDir)].map(([code, o]) => ({ code, name: o.name, address: o.address, hours: o.hours, phone: o.phone })),
  };
}
