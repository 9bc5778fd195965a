import { maskText as maskCaseText } from '../cases/mask.js';
import { maskPersonalData } from '../nlu/entities.js';

/**
 * The two maskers in turn: the NLU's (valid and look-alike IDs, phones) and the case cards' (names
 * after 我叫, bank cards, 15-digit IDs, landlines). What the pipeline stores as maskedText and what
 * retention leaves behind.
 */
export function maskForStorage(text: string): string {
  return maskCaseText(maskPersonalData(text));
}
