import { dayKey } from '../calendar/index.js';
import { isDuplicateKey } from './claims.js';
import { Counter } from './case.model.js';

/**
 * The next case number for the Beijing day of `at`: 'T' + yyyymmdd + '-' + 4 digits (5 past 9999).
 * A per-day counter bumped with findOneAndUpdate $inc (upsert). On MongoDB that is atomic; the embedded
 * FerretDB does not make it atomic, so callers insert under the unique `number` index and retry on a clash.
 */
export async function nextCaseNumber(at: Date): Promise<string> {
  const day = dayKey(at).replaceAll('-', '');
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await Counter.collection.findOneAndUpdate(
        { _id: `case-${day}` as never },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      const seq = (doc as { seq?: number } | null)?.seq;
      if (typeof seq !== 'number') throw new Error(`case counter for ${day} returned no sequence`);
      return `T${day}-${String(seq).padStart(4, '0')}`;
    } catch (err) {
      // two first-of-the-day upserts raced: the loser retries against the now existing counter
      if (!isDuplicateKey(err) || attempt >= 5) throw err;
    }
  }
}

export const CASE_NUMBER_RE = /^T\d{8}-\d{4,}$/;
