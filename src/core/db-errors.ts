/**
 * True for MongoDB's duplicate-key error (E11000): an insert under a unique index lost the race.
 * Every "do this once" in the bot is such an insert, because conditional updates are not atomic on
 * the embedded FerretDB.
 */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
