import { setTimeout as sleep } from 'node:timers/promises';
import { claimInfo, claimOnce, dropClaim } from './claims.js';
import { CaseModel, type CaseRecord, type HistoryEntry } from './case.model.js';
import { CaseNotFoundError, ConcurrentUpdateError } from './errors.js';

/** What one command changes: fields to set, and entries to append to the history. */
export interface CasePatch {
  set: Partial<Omit<CaseRecord, 'number' | 'history' | 'version'>>;
  history: HistoryEntry[];
}

const ATTEMPTS = 8;
/** A version claim older than this whose write never landed was left by a crashed writer. */
const STALE_CLAIM_MS = 30_000;

export async function loadCase(number: string): Promise<CaseRecord> {
  const found = await CaseModel.findOne({ number }).lean<CaseRecord>();
  if (!found) throw new CaseNotFoundError(number);
  return found;
}

/**
 * Applies a change to one case with optimistic concurrency: read, decide (`decide` may throw a
 * typed error), claim the next version number with a unique insert, then write. Two writers racing
 * on the same version: exactly one claims it, the other re-reads and decides again on fresh data.
 */
export async function mutateCase(number: string, decide: (current: CaseRecord) => CasePatch | Promise<CasePatch>): Promise<CaseRecord> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await loadCase(number);
    const patch = await decide(current);
    const version = current.version + 1;
    const key = `case:${number}:v${version}`;
    if (await claimOnce(key)) {
      const res = await CaseModel.updateOne(
        { number, version: current.version },
        { $set: { ...patch.set, history: [...current.history, ...patch.history], version } },
      );
      if (res.matchedCount === 1) return loadCase(number);
      continue; // a stale-claim recovery let someone else write this version; decide again
    }
    await recoverStaleClaim(key, current.version, number);
    await sleep(5 + Math.floor(Math.random() * 20 * (attempt + 1)));
  }
  throw new ConcurrentUpdateError(number);
}

async function recoverStaleClaim(key: string, seenVersion: number, number: string): Promise<void> {
  const info = await claimInfo(key);
  if (!info || Date.now() - info.at.getTime() < STALE_CLAIM_MS) return;
  const now = await CaseModel.findOne({ number }, { version: 1 }).lean<{ version: number }>();
  if (now?.version === seenVersion) await dropClaim(key, info.at);
}
