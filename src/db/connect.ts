import mongoose from 'mongoose';
import type { Logger } from '../logger.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server.js';

export interface DatabaseHandle {
  kind: 'external' | EmbeddedServer['kind'];
  uri: string;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  mongoUri?: string;
  dataDir: string;
  cacheDir: string;
  embeddedPort?: number;
  logger: Logger;
}

/** The database name used on the embedded server. */
const EMBEDDED_DB_NAME = 'nonglian';

/**
 * Connects mongoose: to MONGODB_URI when set, otherwise to a MongoDB-wire server this process
 * starts itself (mongod from PATH, else FerretDB on SQLite) and stops on exit.
 */
export async function connectDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  mongoose.set('strictQuery', true);
  if (opts.mongoUri) {
    await mongoose.connect(opts.mongoUri, { serverSelectionTimeoutMS: 10_000 });
    opts.logger.info('connected to the database at MONGODB_URI');
    return { kind: 'external', uri: opts.mongoUri, stop: () => mongoose.disconnect() };
  }
  const server = await startEmbeddedServer({
    dataDir: opts.dataDir, cacheDir: opts.cacheDir, port: opts.embeddedPort,
    log: (line) => opts.logger.info(line),
  });
  const uri = `${server.uri}${EMBEDDED_DB_NAME}`;
  // FerretDB's SQLite backend serialises writes; a few connections avoid lock contention (busy-wait sleeps).
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: server.kind === 'ferretdb' ? 4 : 100 });
  return {
    kind: server.kind,
    uri,
    stop: async () => {
      await mongoose.disconnect();
      await server.stop();
    },
  };
}
