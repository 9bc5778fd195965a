import { EventEmitter } from 'node:events';
import type { CaseRecord } from './case.model.js';

/** What happened to a case, for whoever must hear of it (the staff room, the villager's channel). */
export interface CaseEventMap {
  /** a new case was registered (the villager has its number) */
  created: [record: CaseRecord];
  /** a command changed the case: action is the transition name (take, transfer, reply, close …) */
  updated: [record: CaseRecord, change: { action: string; actor: string; note?: string }];
}

export class CaseEvents extends EventEmitter<CaseEventMap> {}
