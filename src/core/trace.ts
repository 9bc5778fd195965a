/** One pipeline step's record in a turn's trace. */
export interface TraceStep {
  step: string;
  outcome: string;
  ms: number;
}
