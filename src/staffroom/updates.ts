import { createHash } from 'node:crypto';
import { maskText, type CaseRecord } from '../cases/index.js';
import type { Logger } from '../logger.js';
import { officeLeader } from '../staff/index.js';
import { claimDigest, releaseDigest } from './digest.model.js';
import type { PostQueue } from './post-queue.js';
import type { CaseRenderer } from './render.js';
import { beijing, mentionsOf } from './resolve.js';
import type { Mention } from './room.js';

/**
 * Case changes that happen outside the room and that the room must hear of. Room commands
 * (take, transfer, reply …) are answered where they were typed, so they are not in this list.
 */
export const OUTSIDE_ACTIONS = ['interview_booked', 'interview_rescheduled', 'interview_reminder', 'interview_held', 'reopen', 'needs_phone_call', 'withdraw_request', 'withdraw_cancel'] as const;
export type OutsideAction = (typeof OUTSIDE_ACTIONS)[number];

export interface CaseChange { action: string; actor: string; note?: string }

export interface UpdatePosterDeps {
  posts: PostQueue;
  renderer: CaseRenderer;
  logger: Logger;
  now: () => Date;
}

const NOTE_LIMIT = 80;

function isOutside(action: string): action is OutsideAction {
  return (OUTSIDE_ACTIONS as readonly string[]).includes(action);
}

/** A slot time in the note (ISO) shown in Beijing time; anything else as it is. */
function slotTime(note: string | undefined): string {
  const at = note ? new Date(note) : null;
  return at && !Number.isNaN(at.getTime()) ? beijing(at) : (note ?? '');
}

/**
 * Each event is posted once, across instances and repeated events: the claim key is the case, the
 * action, the case's version and the note. A phone-call alert is once per version: failures that
 * pile up before anyone works the case do not repeat it.
 */
export function updateClaimKey(record: CaseRecord, change: CaseChange): string {
  const note = change.action === 'needs_phone_call' ? '' : (change.note ?? '');
  const digest = createHash('sha256').update(note).digest('hex').slice(0, 16);
  return `update:${record.number}:${change.action}:${record.version}:${digest}`;
}

/** The line and whom it @-mentions. */
async function compose(record: CaseRecord, action: OutsideAction, change: CaseChange, deps: UpdatePosterDeps): Promise<{ text: string; mentions: Mention[] }> {
  const r = deps.renderer;
  const base = { number: record.number, holder: await r.person(record.holderId), firstResponder: await r.person(record.firstResponderId) };
  const people = [record.holderId, record.firstResponderId];
  const note = maskText(change.note ?? '', [record.complainant.name]).slice(0, NOTE_LIMIT);
  switch (action) {
    case 'needs_phone_call':
      return { text: await r.phoneCallAlert(record, note), mentions: await mentionsOf(people) };
    case 'reopen': {
      const leader = await officeLeader(record.officeCode, deps.now());
      const opinion = r.confidentiality.isConfidential(record) ? r.render('confidential_summary') : note;
      return {
        text: r.render('update.reopen', { ...base, note: opinion, leader: await r.person(leader?.staffId) }),
        mentions: await mentionsOf([...people, leader?.staffId]),
      };
    }
    case 'interview_held':
      return { text: r.render('update.interview_held', base), mentions: await mentionsOf(people) };
    default:
      return { text: r.render(`update.${action}`, { ...base, at: slotTime(change.note) }), mentions: await mentionsOf(people) };
  }
}

/** The 'updated' listener: posts a short line for the changes made outside the room. */
export function createUpdatePoster(deps: UpdatePosterDeps): (record: CaseRecord, change: CaseChange) => void {
  return (record, change) => {
    const action = change.action;
    if (!isOutside(action)) return;
    const key = updateClaimKey(record, change);
    void (async () => {
      if (!(await claimDigest(key, deps.now()))) return;
      try {
        const { text, mentions } = await compose(record, action, change, deps);
        await deps.posts.enqueue(key, text, mentions);
      } catch (err) {
        await releaseDigest(key);
        throw err;
      }
    })().catch((err: unknown) => deps.logger.error({ err, caseNumber: record.number, action }, 'case update could not be posted'));
  };
}
