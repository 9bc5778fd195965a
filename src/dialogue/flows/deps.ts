import dayjs from 'dayjs';
import { TOWNSHIP_TZ } from '../../calendar/index.js';
import type { CaseService } from '../../cases/index.js';
import type { CaseEvents } from '../../cases/events.js';
import type { Deliverer, FeatureContext } from '../../features.js';
import type { InterviewService } from '../../interviews/index.js';
import type { Logger } from '../../logger.js';
import type { ReplyReader } from '../reply.js';
import type { CasePhrases } from './phrases.js';

/** What the case dialogues use. */
export interface FlowDeps {
  cases: CaseService;
  caseEvents: CaseEvents;
  phrases: CasePhrases;
  /** the shared understanding of replies (confirm / choose / cancel / correct): src/dialogue/reply.ts */
  replies: ReplyReader;
  deliverer: Deliverer;
  interviews: InterviewService;
  logger: Logger;
  /** another feature's handler for a route (FeatureContext.dispatch): answers an aside during the intake */
  dispatch: FeatureContext['dispatch'];
}

/** A date as the villager reads it (Beijing time). */
export function formatDate(phrases: CasePhrases, at: Date): string {
  return dayjs(at).tz(TOWNSHIP_TZ).format(phrases.render('format_date'));
}

export function formatSlot(phrases: CasePhrases, at: Date): string {
  return dayjs(at).tz(TOWNSHIP_TZ).format(phrases.render('format_slot'));
}
