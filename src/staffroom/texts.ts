import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { fill, MissingTemplateError, type TemplateVars } from '../answers/catalog.js';
import type { UserFacingError } from '../core/errors.js';

function readFlat(file: string): Map<string, string> {
  const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(data)) if (typeof v === 'string') map.set(k, v);
  return map;
}

/**
 * Every sentence staff read in the room: templates/staffroom.yml, plus templates/cases/messages.yml
 * for the refusals the case rules raise (their {action}/{status} filled with Chinese labels).
 */
export class StaffTexts {
  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  static load(templatesDir: string): StaffTexts {
    const room = readFlat(path.join(templatesDir, 'staffroom.yml'));
    const cases = readFlat(path.join(templatesDir, 'cases', 'messages.yml'));
    return new StaffTexts(new Map([...cases, ...room]));
  }

  has(key: string): boolean {
    return this.texts.has(key);
  }

  render(key: string, vars: TemplateVars = {}): string {
    const text = this.texts.get(key);
    if (text === undefined) throw new MissingTemplateError(`no staff-room template "${key}"`);
    return fill(text, vars);
  }

  /** A label (action.take → 接单); the raw name when the data has none. */
  label(prefix: 'action' | 'status', name: string): string {
    return this.texts.get(`${prefix}.${name}`) ?? name;
  }

  /** The refusal for an expected error, with action and status shown in words. */
  refusal(err: UserFacingError): string {
    const vars: TemplateVars = { ...err.vars };
    if (typeof vars.action === 'string') vars.action = this.label('action', vars.action);
    if (typeof vars.status === 'string') vars.status = this.label('status', vars.status);
    return this.render(err.templateKey, vars);
  }
}
