/** Public API of the NLU module; the pipeline imports only this file. */
import { loadIntentData } from './data.js';
import type { ServiceId } from './types.js';

export type { ServiceId, NluContext, Span, Entities, Classification, Nlu, PendingState } from './types.js';
export { loadNlu, CLARIFY_BELOW, CLARIFY_MARGIN } from './classifier.js';
export { extractEntities, maskPersonalData, isValidIdNumber } from './entities.js';
export { validateIntentData, IntentDataError } from './data.js';
export { normalize } from './normalize.js';
/** jieba words of normalised text (the answers' fact retrieval uses the same tokens as the classifier) */
export { tokenize } from './tokenizer.js';

const labels = new Map<string, Map<ServiceId, string>>();

/** Chinese display name of a service, from intents/services.yml (read once per directory). */
export function serviceLabel(id: ServiceId, intentsDir = 'intents'): string {
  let byId = labels.get(intentsDir);
  if (!byId) {
    byId = new Map(loadIntentData(intentsDir).services.map((s) => [s.id, s.label]));
    labels.set(intentsDir, byId);
  }
  return byId.get(id) ?? id;
}

/** Every service (id and Chinese name) from intents/services.yml, in file order. */
export function serviceList(intentsDir = 'intents'): { id: ServiceId; label: string }[] {
  return loadIntentData(intentsDir).services.map((s) => ({ id: s.id, label: s.label }));
}
