import path from 'node:path';
import { fill, SystemMessages } from './catalog.js';
import { loadOffices, readYaml, TemplateDataError } from './service-template.loader.js';
import { isPending, type Office, type Offices, type ServiceTemplate } from './service-template.schema.js';

/** Every key of templates/answers.yml the renderers use; validateTemplates() checks each exists. */
export const PHRASE_KEYS = [
  'aspect_eligibility', 'aspect_materials', 'aspect_procedure', 'aspect_timeLimit', 'aspect_where', 'aspect_fee',
  'aspect_standard', 'aspect_approver', 'aspect_basis', 'aspect_separator',
  'answer_header', 'overview', 'overview_more', 'aspect_missing', 'eligibility_intro', 'checklist_hint', 'internal_refused',
  'list_item', 'bullet_item', 'step_line', 'time_line', 'material_line', 'material_detail', 'material_detail_separator',
  'material_copies', 'material_condition', 'form_original', 'form_copy', 'form_original_and_copy',
  'basis_line', 'effective_line',
  'where_office', 'where_field', 'where_pending', 'field_address', 'field_hours', 'field_phone', 'field_contact',
  'seed_000', 'seed_001', 'seed_002', 'seed_003', 'seed_004',
  'checklist_header', 'checklist_continued', 'section_eligibility', 'section_materials', 'section_materials_open', 'section_procedure',
  'section_time', 'section_where', 'section_fee', 'section_empty', 'checklist_footer',
  'missing_header', 'missing_continued', 'missing_unknown', 'missing_footer',
  'no_material_list', 'all_ready', 'all_ready_last', 'all_ready_time', 'step_arrow',
] as const;
export type PhraseKey = (typeof PHRASE_KEYS)[number];

/** Loads templates/answers.yml (a flat map of phrase key → text). */
export function loadAnswerPhrases(dir = 'templates', problems: string[] = []): SystemMessages {
  const data = readYaml(path.join(dir, 'answers.yml'), problems);
  const texts = new Map<string, string>();
  if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') texts.set(k, v);
  } else if (data !== undefined) problems.push(`${path.join(dir, 'answers.yml')}: not a map of phrases`);
  return new SystemMessages(texts);
}

/** What the renderers need besides the template: phrases and offices. */
export interface RenderContext {
  phrases: SystemMessages;
  offices: Offices;
}

export function loadRenderContext(dir = 'templates'): RenderContext {
  const problems: string[] = [];
  const phrases = loadAnswerPhrases(dir, problems);
  if (problems.length > 0) throw new TemplateDataError(problems);
  return { phrases, offices: loadOffices(dir) };
}

const cached = new Map<string, RenderContext>();
/** The render context of `templates/` under the working directory, loaded once. */
export function defaultRenderContext(dir = 'templates'): RenderContext {
  const key = path.resolve(dir);
  let ctx = cached.get(key);
  if (!ctx) {
    ctx = loadRenderContext(dir);
    cached.set(key, ctx);
  }
  return ctx;
}

/** Template text with its `{key}` placeholders resolved: the filled value, or the "office will confirm" sentence. */
export function resolveText(t: ServiceTemplate, text: string): string {
  const vars: Record<string, string> = {};
  for (const [key, p] of Object.entries(t.placeholders)) vars[key] = isPending(p.value) ? p.confirm : p.value;
  return fill(text, vars);
}

/** The office record, or a stand-in named by its id so a missing reference stays visible rather than crashing. */
export function officeOf(ctx: RenderContext, id: string): Office {
  return ctx.offices.get(id) ?? { name: id, level: 'town', address: '', hours: '', phone: '', adminNotes: [] };
}
