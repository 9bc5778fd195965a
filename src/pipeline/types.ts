import type { LoopMemory } from '../dialogue/loop-guard.js';
import type { InboundMessage, Reply } from '../core/message.js';
import type { TraceStep } from '../core/trace.js';

/** What the pipeline needs of the classifier (src/nlu satisfies it structurally). */
export interface ClassifierContext {
  pending?: 'satisfaction' | 'checklist' | 'complaint_intake' | 'clarify';
  lastService?: string;
}
export interface ClassificationResult {
  intent: string;
  service?: string;
  /** the service was carried over from earlier turns, not named in this message */
  serviceFromContext?: boolean;
  confidence: number;
  top: { intent: string; score: number }[];
  shouldClarify: boolean;
  why?: string[];
}
export interface ClassifierPort {
  classify(text: string, context?: ClassifierContext): ClassificationResult;
}

/** The conversation state a turn reads and may change. */
export interface ConversationState {
  key: string;
  pending?: string;
  pendingData?: unknown;
  lastService?: string;
  lastIntent?: string;
  turns: number;
  /** 回访 questions held back while a flow was open; asked when it ends (PipelineDeps.afterTurn) */
  queuedFollowups?: string[];
  /** set when this turn's handler changed pending/pendingData; only then are they written back */
  pendingChanged?: boolean;
  /** what the loop guard remembers of the last replies (src/dialogue/loop-guard.ts) */
  loop?: LoopMemory;
}

/** Everything a turn accumulates as it passes the steps. */
export interface TurnState {
  message: InboundMessage;
  receivedAt: Date;
  deadlineAt: number;
  text: string;
  maskedText: string;
  conversation?: ConversationState;
  classification?: ClassificationResult;
  /** the handler the dialogue step chose */
  route?: string;
  reply?: Reply;
  /** a replay of a spooled message may take over its own stale turn at once (TurnOptions.takeoverKey) */
  takeoverKey?: string;
  /** set by the dedupe step when this message was seen before */
  duplicateReply?: Reply;
  trace: TraceStep[];
}

/** A step returns a short outcome word for the trace, or `{ stop }` to end the turn early. */
export type StepResult = string | { stop: string };
export type Step = { name: string; run: (state: TurnState) => Promise<StepResult> };
