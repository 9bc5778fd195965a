import { IllegalTransitionError } from './errors.js';

export type CaseStatus =
  | 'received' // registered, nobody holds it yet
  | 'assigned' // given to an on-duty member, not yet taken
  | 'taken' // the holder has taken it (认领)
  | 'transferred' // moved to another office (转办), waiting to be taken there
  | 'answered' // the villager has an answer
  | 'closed' // finished (办结)
  | 'reopened' // the villager was not satisfied
  | 'paused' // disclosure clock stopped (中止)
  | 'rejectionFiled' // 否定报备 filed, waiting for the leader
  | 'rejected'; // the leader approved the rejection; the villager is to be told in writing

export type CaseAction =
  | 'take' | 'transfer' | 'reply' | 'close' | 'reopen'
  | 'requestExtension' | 'approveExtension' | 'refuseExtension'
  | 'fileRejection' | 'approveRejection' | 'refuseRejection'
  | 'pauseClock' | 'resumeClock';

/**
 * Who may do an action: the case's holder (or a leader of its office), any member of its office,
 * a leader who is not the holder, or anyone (the system or the villager).
 */
export type ActorRule = 'holder' | 'officeMember' | 'leader' | 'anyone';

export interface Transition {
  from: readonly CaseStatus[];
  /** the status after the action; null keeps the current status */
  to: CaseStatus | null;
  actor: ActorRule;
}

const WORKING: readonly CaseStatus[] = ['received', 'assigned', 'taken', 'transferred', 'reopened'];
const HELD: readonly CaseStatus[] = ['assigned', 'taken', 'transferred', 'reopened'];

/** The status transition table. Anything not listed here is illegal. */
export const TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  take: { from: ['received', 'assigned', 'transferred', 'reopened'], to: 'taken', actor: 'officeMember' },
  transfer: { from: WORKING, to: 'transferred', actor: 'holder' },
  reply: { from: [...HELD, 'answered'], to: 'answered', actor: 'holder' },
  close: { from: ['taken', 'answered', 'rejected'], to: 'closed', actor: 'holder' },
  reopen: { from: ['answered', 'closed'], to: 'reopened', actor: 'anyone' },
  requestExtension: { from: HELD, to: null, actor: 'holder' },
  approveExtension: { from: [...HELD, 'paused'], to: null, actor: 'leader' },
  refuseExtension: { from: [...HELD, 'paused'], to: null, actor: 'leader' },
  fileRejection: { from: HELD, to: 'rejectionFiled', actor: 'holder' },
  approveRejection: { from: ['rejectionFiled'], to: 'rejected', actor: 'leader' },
  refuseRejection: { from: ['rejectionFiled'], to: 'taken', actor: 'leader' },
  pauseClock: { from: HELD, to: 'paused', actor: 'holder' },
  resumeClock: { from: ['paused'], to: 'taken', actor: 'holder' },
};

/** Statuses in which the deadline runs (reminders and escalation apply). */
export const CLOCK_RUNNING: readonly CaseStatus[] = [...WORKING, 'rejectionFiled', 'rejected'];

/** The status after `action`, or IllegalTransitionError. */
export function nextStatus(number: string, status: CaseStatus, action: CaseAction): CaseStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) throw new IllegalTransitionError(number, action, status);
  return t.to ?? status;
}
