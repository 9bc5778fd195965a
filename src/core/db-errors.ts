/**
 * True for MongoDB's duplicate-key error (E11000): an insert under a unique index lost the race.
 * Every "do this once" in the bot is such an insert, because conditional updates are not atomic on
 * the embedded FerretDB.
 */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** The MongoDB driver's errors that mean "the server is not reachable", as opposed to a failed operation. */
const UNREACHABLE = new Set([
  'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoPoolClearedError',
  'MongoTopologyClosedError', 'MongoNotConnectedError', 'MongoServerClosedError', 'MongoClientClosedError',
  'MongoOperationTimeoutError', 'MongoUnexpectedServerResponseError', 'MongooseServerSelectionError', 'DatabaseUnavailableError',
]);
/** a server just restarted after a crash (SQLite recovering its WAL) or shutting down: transient, not the operation's fault */
const TRANSIENT_SERVER = /database is locked|SQLITE_BUSY|shutdown in progress|interrupted at shutdown/i;

/**
 * True when `err` (or an error it wraps as `cause`) says the database could not be reached: the
 * message was not stored and may be spooled. Judged by name, so core imports no driver.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string' && UNREACHABLE.has(name)) return true;
    const labels = (e as { errorLabels?: unknown }).errorLabels;
    if (Array.isArray(labels) && (labels.includes('ResetPool') || labels.includes('RetryableWriteError'))) return true;
    if (name === 'MongoServerError' && TRANSIENT_SERVER.test(String((e as { message?: unknown }).message))) return true;
    // mongoose buffers operations while disconnected and then gives up with this message
    if (name === 'MongooseError' && /buffering timed out/.test(String((e as { message?: unknown }).message))) return true;
  }
  return false;
}
