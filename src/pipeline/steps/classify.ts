import type { ClassifierContext, ClassifierPort, Step } from '../types.js';

const CLASSIFIER_PENDING = new Set(['satisfaction', 'checklist', 'complaint_intake', 'clarify']);

/** Classifies the text with the conversation's context (what the bot is waiting for). */
export function classifyStep(classifier: ClassifierPort): Step {
  return {
    name: 'classify',
    run: async (state) => {
      if (state.message.kind !== 'text' || !state.text) return 'skipped';
      const pending = state.conversation?.pending;
      const context: ClassifierContext = {
        pending: pending && CLASSIFIER_PENDING.has(pending) ? (pending as ClassifierContext['pending']) : undefined,
        lastService: state.conversation?.lastService,
      };
      const c = classifier.classify(state.text, context);
      state.classification = c;
      return `${c.intent}${c.service ? `/${c.service}` : ''}@${c.confidence.toFixed(2)}${c.shouldClarify ? ' (unsure)' : ''}`;
    },
  };
}
