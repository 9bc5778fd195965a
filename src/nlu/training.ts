import type { IntentData, IntentDef, ServiceDef } from './data.js';
import type { Sample } from './model.js';
import { PENDING_STATES, type PendingState } from './types.js';

/** A training text with its label and, for context-only examples, the pending state it needs. */
export interface LabelledText {
  text: string; label: number; pending?: PendingState;
  /** lines from one source (a template and its expansions) share a group and a cross-validation fold */
  group: string;
}

/** Fills `{svc}` with the services' villager names, cycling so every service and many names appear. */
export function expandTemplates(intent: IntentDef, services: ServiceDef[], offset = 0): string[] {
  const out: string[] = [];
  intent.templates.forEach((template, j0) => {
    const i = j0 + offset;
    services.forEach((s, j) => {
      const names = [...s.names, ...s.variants];
      out.push(template.replaceAll('{svc}', names[(i + j) % names.length] ?? s.names[0] ?? ''));
    });
  });
  return out;
}

export function labelledTexts(data: IntentData, fallbackId: string): LabelledText[] {
  const out: LabelledText[] = [];
  const fallback = data.intents.findIndex((i) => i.id === fallbackId);
  const plain = new Set(data.intents.flatMap((i) => i.examples));
  data.intents.forEach((intent, label) => {
    for (const text of intent.examples) out.push({ text, label, group: text });
    intent.templates.forEach((template, i) => {
      for (const text of expandTemplates({ ...intent, templates: [template] }, data.services, i)) out.push({ text, label, group: template });
    });
    for (const text of intent.context?.examples ?? []) {
      const group = `${intent.context?.pending ?? ''}:${text}`;
      out.push({ text, label, pending: intent.context?.pending, group });
      // Without its state such a message means nothing we can act on, unless the intent caps instead or
      // the same words are an ordinary example of another intent (可以 is thanks_bye when nothing is pending).
      if (intent.context?.capWithout === undefined && !plain.has(text)) out.push({ text, label: fallback, group });
    }
  });
  return out;
}

/**
 * Adds copies of every fourth plain example under each pending state, keeping the label, so the model
 * learns that a pending state shifts the odds a little but does not decide on its own.
 */
export function withContextCopies(texts: LabelledText[]): LabelledText[] {
  const out = [...texts];
  texts.forEach((t, i) => {
    if (t.pending !== undefined || i % 4 !== 0) return;
    const state = PENDING_STATES[(i / 4) % PENDING_STATES.length] as PendingState;
    out.push({ ...t, pending: state });
  });
  return out;
}

/** Every fifth sample goes to the calibration set. */
export function split(samples: Sample[]): { fit: Sample[]; calibrate: Sample[] } {
  return {
    fit: samples.filter((_, i) => i % 5 !== 2),
    calibrate: samples.filter((_, i) => i % 5 === 2),
  };
}
