import { officeOf, resolveText, type RenderContext } from './answer-phrases.js';
import type { Aspect } from './aspect.js';
import { isPending, type Material, type ServiceTemplate } from './service-template.schema.js';

/**
 * One function per aspect, each returning the lines of that section (empty when the template has nothing).
 * Shared by the policy answer and the 一次性告知 checklist so both always say the same thing.
 */

type Lines = (t: ServiceTemplate, ctx: RenderContext) => string[];

const numbered = (ctx: RenderContext, texts: string[]): string[] =>
  texts.map((text, i) => ctx.phrases.render('list_item', { n: i + 1, text }));

/** One material as a checklist line: name, original/copy, copies, when it is needed. */
export function materialLine(t: ServiceTemplate, ctx: RenderContext, m: Material, n: number): string {
  const p = ctx.phrases;
  const parts: string[] = [];
  if (m.form) parts.push(p.render(`form_${m.form}`));
  if (m.copies !== undefined) parts.push(p.render('material_copies', { copies: m.copies }));
  const detail = parts.length > 0 ? p.render('material_detail', { parts: parts.join(p.render('material_detail_separator')) }) : '';
  const condition = m.condition ? p.render('material_condition', { condition: resolveText(t, m.condition) }) : '';
  return p.render('material_line', { n, name: resolveText(t, m.name), detail, condition });
}

export function materialLines(t: ServiceTemplate, ctx: RenderContext, only?: readonly Material[]): string[] {
  const lines = (only ?? t.materials).map((m, i) => materialLine(t, ctx, m, i + 1));
  if (!only && t.materialsNote) lines.push(ctx.phrases.render('bullet_item', { text: resolveText(t, t.materialsNote) }));
  return lines;
}

export const eligibilityLines: Lines = (t, ctx) => numbered(ctx, t.eligibility.map((e) => resolveText(t, e)));

export const procedureLines: Lines = (t, ctx) =>
  t.procedure.map((s, i) =>
    ctx.phrases.render('step_line', { n: i + 1, step: resolveText(t, s.step), office: officeOf(ctx, s.office).name }));

export const timeLines: Lines = (t, ctx) =>
  t.timeLimits.map((l) => ctx.phrases.render('time_line', { what: resolveText(t, l.what), limit: resolveText(t, l.limit) }));

export const whereLines: Lines = (t, ctx) => {
  const office = officeOf(ctx, t.office);
  const lines = officeFieldLines(ctx, office, ctx.phrases.render('where_office', { office: office.name }));
  // "材料交给谁": an application whose first step goes elsewhere (低保: the 村委会（社区）) — said before the office
  const first = t.procedure[0];
  if (first && first.office !== t.office && t.materials.length > 0) lines.unshift(ctx.phrases.render('where_first_step', { office: officeOf(ctx, first.office).name }));
  return lines;
};

/**
 * An office's address, hours, phone and contact person under a header line; fields still pending
 * read "请以…公布为准" together in one line.
 */
export function officeFieldLines(ctx: RenderContext, office: ReturnType<typeof officeOf>, header: string): string[] {
  const p = ctx.phrases;
  const lines = [header];
  const fields: [string, string | undefined][] = [
    ['field_address', office.address], ['field_hours', office.hours], ['field_phone', office.phone],
    ['field_contact', office.contactPerson],
  ];
  const pending: string[] = [];
  for (const [labelKey, value] of fields) {
    if (value === undefined) continue;
    const label = p.render(labelKey);
    if (value.trim() === '' || isPending(value)) pending.push(label);
    else lines.push(p.render('where_field', { label, value }));
  }
  if (pending.length > 0) {
    lines.push(p.render('where_pending', { label: pending.join(p.render('aspect_separator')), office: office.name }));
  }
  return lines;
}

export const feeLines: Lines = (t) => [resolveText(t, t.fee)];

export const standardLines: Lines = (t, ctx) =>
  t.standards.map((s) => ctx.phrases.render('bullet_item', { text: resolveText(t, s) }));

export const approverLines: Lines = (t) => (t.approver ? [resolveText(t, t.approver)] : []);

export const basisLines: Lines = (t, ctx) => {
  const lines = t.legalBasis.map((b) =>
    ctx.phrases.render('basis_line', { source: ctx.phrases.render(`seed_${b.seed}`), article: b.article }));
  lines.push(ctx.phrases.render('effective_line', { date: resolveText(t, t.effectiveDate) }));
  return lines;
};

export const SECTION_LINES: Record<Aspect, Lines> = {
  // asked on its own ("能申请不"), the conditions say what they are for
  eligibility: (t, ctx) => {
    const lines = eligibilityLines(t, ctx);
    return lines.length ? [ctx.phrases.render('eligibility_intro'), ...lines] : lines;
  },
  materials: (t, ctx) => materialLines(t, ctx),
  procedure: procedureLines,
  timeLimit: timeLines,
  where: whereLines,
  fee: feeLines,
  standard: standardLines,
  approver: approverLines,
  basis: basisLines,
};
