import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { fill, MissingTemplateError, type TemplateVars } from '../answers/catalog.js';
import { loadCaseRules, type CaseKind } from '../cases/index.js';
import { serviceLabel, type ServiceId } from '../nlu/index.js';

/** The repository root (templates/ and intents/ live there). */
export const DEFAULT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The report's wording (templates/reports.yml) and the Chinese labels of ids. */
export class ReportTexts {
  private constructor(
    private readonly texts: ReadonlyMap<string, string>,
    private readonly kinds: ReadonlyMap<string, string>,
    private readonly offices: ReadonlyMap<string, string>,
    private readonly intentsDir: string,
  ) {}

  static load(rootDir = DEFAULT_ROOT): ReportTexts {
    const templatesDir = path.join(rootDir, 'templates');
    const data = parse(readFileSync(path.join(templatesDir, 'reports.yml'), 'utf8')) as Record<string, unknown>;
    const texts = new Map<string, string>();
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') texts.set(k, v);
    const rules = loadCaseRules(templatesDir);
    const kinds = new Map(Object.entries(rules.kinds).map(([k, v]) => [k, v.label]));
    return new ReportTexts(texts, kinds, readOfficeNames(templatesDir), path.join(rootDir, 'intents'));
  }

  has(key: string): boolean {
    return this.texts.has(key);
  }

  render(key: string, vars: TemplateVars = {}): string {
    const text = this.texts.get(key);
    if (text === undefined) throw new MissingTemplateError(`no report template "${key}"`);
    return fill(text, vars);
  }

  channel(id: string): string {
    return this.texts.get(`channel.${id}`) ?? id;
  }

  intent(id: string | null | undefined): string {
    return this.texts.get(`intent.${id ?? 'unclassified'}`) ?? id ?? this.render('intent.unclassified');
  }

  service(id: string | null | undefined): string {
    return id ? serviceLabel(id as ServiceId, this.intentsDir) : this.render('unknown_service');
  }

  kind(id: string): string {
    return this.kinds.get(id as CaseKind) ?? id;
  }

  /** Office name: the roster's (database) first, then templates/offices.yml, else the code. */
  office(code: string | null | undefined, roster: ReadonlyMap<string, string> = new Map()): string {
    if (!code) return this.render('unknown_office');
    return roster.get(code) ?? this.offices.get(code) ?? code;
  }
}

function readOfficeNames(templatesDir: string): Map<string, string> {
  const data = parse(readFileSync(path.join(templatesDir, 'offices.yml'), 'utf8')) as Record<string, unknown>;
  const names = new Map<string, string>();
  for (const [code, v] of Object.entries(data ?? {})) {
    const name = (v as { name?: unknown } | null)?.name;
    if (typeof name === 'string') names.set(code, name);
  }
  return names;
}
