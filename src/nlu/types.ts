/** Public types of the NLU (natural-language understanding) module. */
export type ServiceId =
  | 'dibao' | 'wubao' | 'youfu' | 'dabing' | 'jiuzai' | 'linshi' | 'canji'
  | 'shiye' | 'xinfang' | 'yishenqing' | 'sanzi' | 'zhaotoubiao' | 'wangshang';

export const SERVICE_IDS: readonly ServiceId[] = [
  'dibao', 'wubao', 'youfu', 'dabing', 'jiuzai', 'linshi', 'canji',
  'shiye', 'xinfang', 'yishenqing', 'sanzi', 'zhaotoubiao', 'wangshang',
];

export type PendingState = 'satisfaction' | 'checklist' | 'complaint_intake' | 'clarify';
export const PENDING_STATES: readonly PendingState[] = ['satisfaction', 'checklist', 'complaint_intake', 'clarify'];

/** What the dialogue layer knows about the conversation when the message arrives. */
export interface NluContext { pending?: PendingState; lastService?: ServiceId }

/** A match on the ORIGINAL text: `text.slice(start, end) === value`. */
export interface Span { value: string; start: number; end: number }

export interface Entities { caseNumbers: string[]; phones: Span[]; idNumbers: Span[] }

export interface Classification {
  intent: string;
  service?: ServiceId;
  /** true when `service` was carried over from the conversation, not named in this message */
  serviceFromContext?: boolean;
  /** calibrated probability of `intent` (capped when its meaning needs a pending state that is absent) */
  confidence: number;
  /** every intent, best first; when `shouldClarify`, top[0] and top[1] are the two readings to offer */
  top: { intent: string; score: number }[];
  shouldClarify: boolean;
  tokens: string[];
  /** human-readable reasons: strongest features, service terms, context adjustments */
  why: string[];
  entities: Entities;
  normalized: string;
}

export interface Nlu {
  classify(text: string, context?: NluContext): Classification;
  intents: string[];
  services: ServiceId[];
}
