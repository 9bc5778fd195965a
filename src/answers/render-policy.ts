import { defaultRenderContext, officeOf, resolveText, type RenderContext } from './answer-phrases.js';
import { ASPECTS, type Aspect } from './aspect.js';
import { SECTION_LINES } from './render-sections.js';
import { isSendableToVillagers, type ServiceTemplate } from './service-template.schema.js';

export { detectAspect, detectAspects, ASPECTS, type Aspect } from './aspect.js';

/** Asked to render an 'internal' template for villagers (000 §1-6: internal material never goes online). */
export class InternalTemplateError extends Error {
  override name = 'InternalTemplateError';
  constructor(readonly serviceId: string) {
    super(`template "${serviceId}" is internal and must not be sent to villagers`);
  }
}

export function assertSendable(t: ServiceTemplate): void {
  if (!isSendableToVillagers(t)) throw new InternalTemplateError(t.id);
}

/** Aspects this template has something to say about (the "you can also ask" list). */
export function availableAspects(t: ServiceTemplate, ctx: RenderContext = defaultRenderContext()): Aspect[] {
  return ASPECTS.filter((a) => SECTION_LINES[a](t, ctx).length > 0);
}

/**
 * The answer to one aspect of a service ("低保要带什么材料"), or, without an aspect, a short overview of the service
 * and what else can be asked. Pending placeholders read as "请以…公布为准", never as a guessed figure.
 * Throws {@link InternalTemplateError} for an 'internal' template: the caller refuses with `internal_refused`.
 */
export function renderPolicyAnswer(t: ServiceTemplate, aspect?: Aspect, ctx: RenderContext = defaultRenderContext()): string {
  assertSendable(t);
  const p = ctx.phrases;
  const office = officeOf(ctx, t.office).name;
  if (!aspect) {
    const aspects = availableAspects(t, ctx).map((a) => p.render(`aspect_${a}`)).join(p.render('aspect_separator'));
    return [
      p.render('overview', { service: t.name, summary: resolveText(t, t.summary) }),
      p.render('overview_more', { service: t.name, aspects }),
    ].join('\n');
  }
  const label = p.render(`aspect_${aspect}`);
  const lines = SECTION_LINES[aspect](t, ctx);
  if (lines.length === 0) return p.render('aspect_missing', { service: t.name, aspect: label, office });
  const out = [p.render('answer_header', { service: t.name, aspect: label }), ...lines];
  if (aspect === 'materials') out.push(p.render('checklist_hint', { service: t.name }));
  return out.join('\n');
}
