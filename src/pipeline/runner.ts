import type { Step, TurnState } from './types.js';

/** Thrown when a step fails; carries the step name and the trace so far. */
export class StepError extends Error {
  override name = 'StepError';
  constructor(readonly step: string, options: ErrorOptions) {
    super(`pipeline step "${step}" failed`, options);
  }
}

/** Runs the steps in order, recording {step, outcome, ms} for each in state.trace. */
export async function runSteps(steps: readonly Step[], state: TurnState): Promise<void> {
  for (const step of steps) {
    const started = performance.now();
    let result;
    try {
      result = await step.run(state);
    } catch (err) {
      state.trace.push({ step: step.name, outcome: 'error', ms: elapsed(started) });
      throw new StepError(step.name, { cause: err });
    }
    if (typeof result === 'object') {
      state.trace.push({ step: step.name, outcome: result.stop, ms: elapsed(started) });
      return;
    }
    state.trace.push({ step: step.name, outcome: result, ms: elapsed(started) });
  }
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 1000) / 1000;
}
