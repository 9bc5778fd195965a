import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPending, type ServiceTemplate } from '../../../src/answers/service-template.schema.js';

/** Test-side placeholder resolution, written independently of the renderer: pending → confirm sentence. */
export function expectedText(t: ServiceTemplate, text: string): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const p = t.placeholders[key];
    if (!p) return whole;
    return isPending(p.value) ? p.confirm : p.value;
  });
}

/** All seed texts concatenated, with digits only, to check that no rendered number was invented. */
export function seedText(): string {
  const dir = '/work/shared/seeds';
  return readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

/** A complete, valid template to build synthetic cases from. */
export function syntheticTemplate(overrides: Partial<ServiceTemplate> = {}): ServiceTemplate {
  return {
    id: 'dibao',
    name: '测试事项',
    aliases: [],
    category: 'policy',
    summary: '测试用的事项。',
    eligibility: ['条件甲'],
    materials: [],
    procedure: [{ step: '提交申请', office: 'minzheng' }],
    timeLimits: [],
    office: 'minzheng',
    fee: '不收费',
    standards: [],
    legalBasis: [{ seed: '003', article: '测试' }],
    effectiveDate: '2017-05-04',
    placeholders: {},
    adminNotes: [],
    ...overrides,
  };
}
