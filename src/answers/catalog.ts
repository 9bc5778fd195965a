import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export type TemplateVars = Record<string, string | number>;

/** Thrown when code asks for a template key that the data does not have. */
export class MissingTemplateError extends Error {
  override name = 'MissingTemplateError';
}

/** Fills `{name}` placeholders; an unknown variable is left visible so an editor notices it. */
export function fill(text: string, vars: TemplateVars = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Where an edited, published version of a system message comes from (the template store). */
export type PublishedText = (key: string) => string | undefined;

/**
 * System messages (greeting, help, fallback …): the published version an editor approved in the
 * admin page when there is one, else templates/system.yml.
 */
export class SystemMessages {
  constructor(
    private readonly texts: ReadonlyMap<string, string>,
    private readonly defaults: TemplateVars = {},
    private readonly published: PublishedText = () => undefined,
  ) {}

  static load(templatesDir: string, defaults: TemplateVars = {}, published?: PublishedText): SystemMessages {
    const data = parse(readFileSync(path.join(templatesDir, 'system.yml'), 'utf8')) as Record<string, unknown>;
    const map = new Map<string, string>();
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') map.set(k, v);
    return new SystemMessages(map, defaults, published);
  }

  has(key: string): boolean {
    return this.texts.has(key);
  }

  keys(): string[] {
    return [...this.texts.keys()];
  }

  render(key: string, vars: TemplateVars = {}): string {
    const text = this.published(key) ?? this.texts.get(key);
    if (text === undefined) throw new MissingTemplateError(`no system template "${key}"`);
    return fill(text, { ...this.defaults, ...vars });
  }
}
