/**
 * Deciding from the two opinions: the linear model's calibrated probabilities mixed with the nearest
 * examples' votes; when their favourites differ, confidence is lowered; below a threshold, or too close to
 * the runner-up, the bot asks. The numbers are chosen by cross-validation (`npm run eval:nlu -- --cv` prints
 * the sweep) so that confidently-wrong answers stay under 2 % of messages.
 */
export interface DecisionSettings {
  /** weight of the nearest-examples vote in the mixed probability */
  neighbourWeight: number;
  /** confidence is multiplied by this when the two opinions name different intents */
  disagreeFactor: number;
  clarifyBelow: number;
  clarifyMargin: number;
}

export const DEFAULT_DECISION: DecisionSettings = { neighbourWeight: 0, disagreeFactor: 1, clarifyBelow: 0.82, clarifyMargin: 0 };
/** Below this confidence, or this margin over the runner-up, the bot asks instead of acting. */
export const CLARIFY_BELOW = DEFAULT_DECISION.clarifyBelow;
export const CLARIFY_MARGIN = DEFAULT_DECISION.clarifyMargin;

export interface Decision { p: Float64Array; best: number; confidence: number; disagree: boolean; linearTop: number; nearestTop: number }

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k;
  return best;
}

export function decide(linear: Float64Array, nearest: Float64Array, s: DecisionSettings): Decision {
  const p = new Float64Array(linear.length);
  for (let k = 0; k < p.length; k++) p[k] = (1 - s.neighbourWeight) * (linear[k] as number) + s.neighbourWeight * (nearest[k] as number);
  const best = argmax(p);
  const linearTop = argmax(linear);
  const nearestTop = argmax(nearest);
  const disagree = linearTop !== nearestTop;
  return { p, best, confidence: (p[best] as number) * (disagree ? s.disagreeFactor : 1), disagree, linearTop, nearestTop };
}
