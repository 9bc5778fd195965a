import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';

/** The URI of the run's real database server, with a fresh database name. */
export function freshDatabaseUri(label = 'test'): string {
  const base = inject('mongoUri');
  const name = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  return `${base.replace(/\/?$/, '/')}${name}`;
}

/**
 * Connects the default mongoose connection to a fresh database for this test file
 * and drops it afterwards. Returns a getter for the URI.
 */
export function useTestDatabase(label = 'test'): { uri: () => string } {
  let uri = '';
  beforeAll(async () => {
    uri = freshDatabaseUri(label);
    await mongoose.connect(uri);
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined); // best effort: the server is torn down anyway
    await mongoose.disconnect();
  });
  return { uri: () => uri };
}
