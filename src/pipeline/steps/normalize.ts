import type { Step } from '../types.js';

/** Full-width ASCII → half-width, ideographic space → space, collapse runs of white space. */
export function normalizeText(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const normalizeStep: Step = {
  name: 'normalize',
  run: async (state) => {
    state.text = normalizeText(state.message.text);
    return state.text ? 'text' : 'empty';
  },
};
