import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { fill, MissingTemplateError, type TemplateVars } from '../answers/catalog.js';
import { DEFAULT_ROOT } from '../reports/texts.js';
import { ReportTexts } from '../reports/index.js';
import { StaffTexts } from '../staffroom/texts.js';

/**
 * Every word the console's API sends: templates/admin.yml (errors, role and other labels), the case
 * status/action labels of templates/staffroom.yml, and the channel/intent/service/kind/office labels of the
 * report (templates/reports.yml, intents/, templates/cases/kinds.yml, templates/offices.yml).
 */
export class AdminTexts {
  private constructor(
    private readonly texts: ReadonlyMap<string, string>,
    readonly staff: StaffTexts,
    readonly report: ReportTexts,
  ) {}

  static load(rootDir = DEFAULT_ROOT): AdminTexts {
    const templatesDir = path.join(rootDir, 'templates');
    const data = parse(readFileSync(path.join(templatesDir, 'admin.yml'), 'utf8')) as Record<string, unknown>;
    const texts = new Map<string, string>();
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') texts.set(k, v);
    return new AdminTexts(texts, StaffTexts.load(templatesDir), ReportTexts.load(rootDir));
  }

  has(key: string): boolean {
    return this.texts.has(key);
  }

  render(key: string, vars: TemplateVars = {}): string {
    const text = this.texts.get(key);
    if (text === undefined) throw new MissingTemplateError(`no admin template "${key}"`);
    return fill(text, vars);
  }

  /** `prefix.id` from admin.yml, else the id itself (never an empty cell). */
  label(prefix: string, id: string | null | undefined): string {
    if (!id) return this.render('none');
    return this.texts.get(`${prefix}.${id}`) ?? id;
  }

  status(id: string): string {
    return this.staff.label('status', id);
  }

  action(id: string): string {
    return this.staff.label('action', id);
  }
}

let shared: AdminTexts | undefined;

/** The repository's texts, read once. */
export function adminTexts(): AdminTexts {
  shared ??= AdminTexts.load();
  return shared;
}
