import { defaultRenderContext, officeOf, resolveText, type RenderContext } from './answer-phrases.js';
import { MAX_PART_BYTES, packParts } from './pack-parts.js';
import { assertSendable } from './render-policy.js';
import {
  eligibilityLines, feeLines, materialLine, materialLines, procedureLines, timeLines, whereLines,
} from './render-sections.js';
import type { ServiceTemplate } from './service-template.schema.js';

export { matchMaterials, type MaterialMatch } from './match-materials.js';

/** A section title travels with its first line so no part ends on a bare title. */
function section(ctx: RenderContext, t: ServiceTemplate, title: string, lines: string[]): string[] {
  const body = lines.length > 0
    ? lines
    : [ctx.phrases.render('section_empty', { office: officeOf(ctx, t.office).name })];
  return [`${title}\n${body[0]!}`, ...body.slice(1)];
}

/**
 * The complete 一次性告知 (003 三(六)): conditions, every material, steps, time limits, where/who, fee — in that
 * order, as message parts of at most `maxBytes` UTF-8 bytes, split only between items.
 */
export function renderChecklist(
  t: ServiceTemplate, ctx: RenderContext = defaultRenderContext(), maxBytes = MAX_PART_BYTES,
): string[] {
  assertSendable(t);
  const p = ctx.phrases;
  const service = t.name;
  const materialsTitle = t.materials.length > 0
    ? p.render('section_materials', { count: t.materials.length })
    : p.render('section_materials_open');
  const units = [
    p.render('checklist_header', { service }),
    ...section(ctx, t, p.render('section_eligibility'), eligibilityLines(t, ctx)),
    ...section(ctx, t, materialsTitle, materialLines(t, ctx)),
    ...section(ctx, t, p.render('section_procedure'), procedureLines(t, ctx)),
    ...section(ctx, t, p.render('section_time'), timeLines(t, ctx)),
    ...section(ctx, t, p.render('section_where'), whereLines(t, ctx)),
    ...section(ctx, t, p.render('section_fee'), feeLines(t, ctx)),
  ];
  if (t.materials.length > 0) units.push(p.render('checklist_footer'));
  return packParts(units, p.render('checklist_continued', { service }), maxBytes);
}

/** "Everything is there": where to go first and what happens after, with the time limits. */
function allReady(t: ServiceTemplate, ctx: RenderContext, maxBytes: number): string[] {
  const p = ctx.phrases;
  const [first, ...rest] = procedureLines(t, ctx);
  const then = rest.length > 0
    ? rest.map((line) => line.replace(/^\d+\.\s*/, '')).join(p.render('step_arrow'))
    : p.render('all_ready_last');
  const units = [p.render('all_ready', { service: t.name, first: first?.replace(/^\d+\.\s*/, '') ?? '', then })];
  const limits = timeLines(t, ctx);
  if (limits.length > 0) units.push(`${p.render('all_ready_time')}\n${limits.join('\n')}`);
  units.push(...whereLines(t, ctx));
  return packParts(units, '', maxBytes);
}

/**
 * The second one-time notice (003 三(六)2): only the materials not in `haveIds`, all at once; or, when nothing is
 * missing, where to go and what happens next. `unknown` (from matchMaterials) is mentioned so nothing is ignored.
 */
export function renderMissing(
  t: ServiceTemplate, haveIds: readonly string[], ctx: RenderContext = defaultRenderContext(),
  unknown: readonly string[] = [], maxBytes = MAX_PART_BYTES,
): string[] {
  assertSendable(t);
  const p = ctx.phrases;
  const office = officeOf(ctx, t.office).name;
  if (t.materials.length === 0) {
    const note = t.materialsNote ? resolveText(t, t.materialsNote) : p.render('section_empty', { office });
    return packParts([p.render('no_material_list', { service: t.name, note }), ...whereLines(t, ctx)], '', maxBytes);
  }
  const have = new Set(haveIds);
  const missing = t.materials.filter((m) => !have.has(m.id));
  const notes = unknown.length > 0
    ? [p.render('missing_unknown', { items: unknown.join(p.render('aspect_separator')), service: t.name, office })]
    : [];
  if (missing.length === 0) return packParts([...allReady(t, ctx, maxBytes), ...notes], '', maxBytes);
  const units = [
    p.render('missing_header', { service: t.name, count: missing.length }),
    ...missing.map((m, i) => materialLine(t, ctx, m, i + 1)),
    ...notes,
    p.render('missing_footer', { office }),
  ];
  return packParts(units, p.render('missing_continued', { service: t.name }), maxBytes);
}
