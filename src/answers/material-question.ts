import { resolveText, type RenderContext } from './answer-phrases.js';
import { matchMaterials } from './match-materials.js';
import { materialLine } from './render-sections.js';
import { usesPending } from './facts.js';
import type { ServiceTemplate } from './service-template.schema.js';

/**
 * A question about a material of the checklist ("照片要几张", "户口本要原件不") answered from the material's own line:
 * name, original/copy, how many, when it is needed. `known: false` when a count is asked and the rules on file give
 * none for a material named (the caller says so honestly). Undefined when the text names no material of the service.
 * The count cues are matching cues, not sentences anyone reads.
 */
export function materialAnswer(t: ServiceTemplate, standardText: string, ctx: RenderContext): { text: string; known: boolean } | undefined {
  const m = matchMaterials(t, standardText);
  const ids = new Set([...m.have, ...m.lacking]);
  const named = t.materials.filter((x) => ids.has(x.id));
  if (named.length === 0) return undefined;
  const asksCount = /几张|几份|几个|几本|多少张|多少份|多少个/.test(standardText.replace(/\s+/g, ''));
  if (asksCount && named.some((x) => x.copies === undefined)) return { text: '', known: false };
  const lines = named.map((x) => materialLine(t, ctx, x, 0).replace(/^0\.\s*/, ''));
  return { text: ctx.phrases.render('fact_answer', { service: t.name, answer: lines.join('；') }), known: true };
}

/** "还差多少" / "还缺啥": the villager asks what is still missing — the list answers that, not a single fact. */
export const asksWhatIsMissing = (standardText: string): boolean => /还差|还缺|缺什么|差什么|缺哪|差哪|还要带什么|还需要什么|还要什么/.test(standardText.replace(/\s+/g, ''));

/**
 * A service whose material list is not on file yet (残疾证: "所需材料：【待管理员填写…】") — its checklist still waits
 * for the villager's reply, which is answered honestly with a person offered rather than with a missing list.
 */
export function materialListPending(t: ServiceTemplate): boolean {
  return t.materials.length === 0 && !!t.materialsNote && usesPending(t, t.materialsNote);
}

/** The note said instead of a list ("需要哪些材料，请以镇民政办告知为准"). */
export const materialNote = (t: ServiceTemplate): string => resolveText(t, t.materialsNote ?? '');
