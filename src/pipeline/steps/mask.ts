import type { Step } from '../types.js';

/** Masks phone and ID numbers for everything stored or shown outside the case (logs, statistics). */
export function maskStep(maskText: (text: string) => string): Step {
  return {
    name: 'mask',
    run: async (state) => {
      state.maskedText = maskText(state.text);
      return state.maskedText === state.text ? 'clean' : 'masked';
    },
  };
}
