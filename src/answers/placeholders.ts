/**
 * Unfilled placeholders (【待管理员填写：…】, 【待填写…】, 【待补充…】) left in template data: every
 * one is a sentence a villager would read with a hole in it, so the console lists them until none is left.
 */
export const PLACEHOLDER_RE = /【待[^】]*】/g;

export interface PlaceholderHit {
  /** where in the content: 'variables.standard_amount.value', 'procedure.2.step' */
  path: string;
  text: string;
}

/** Every placeholder in a template's content (strings, arrays, objects), in document order. */
export function findPlaceholders(content: unknown, path = ''): PlaceholderHit[] {
  if (typeof content === 'string') return [...content.matchAll(PLACEHOLDER_RE)].map((m) => ({ path, text: m[0] }));
  if (Array.isArray(content)) return content.flatMap((v, i) => findPlaceholders(v, path ? `${path}.${i}` : String(i)));
  if (content && typeof content === 'object') {
    return Object.entries(content as Record<string, unknown>).flatMap(([k, v]) => findPlaceholders(v, path ? `${path}.${k}` : k));
  }
  return [];
}
