import mongoose from 'mongoose';
import type { DatabaseWatch } from '../core/database.js';
import type { Logger } from '../logger.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server.js';
import { DatabaseSupervisor } from './supervisor.js';

export interface DatabaseHandle {
  kind: 'external' | EmbeddedServer['kind'];
  uri: string;
  /** up / restarting / down, for /healthz and the spool */
  watch: DatabaseWatch;
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
 * Connections to the embedded FerretDB. Its writes queue in the server (db/patches/ferretdb/0004), so more connections
 * no longer meet SQLite's busy-wait sleeps; 8 let reads overlap a write: at 16 concurrent turns through /wechat they
 * served about 10 % more requests per second than 4 (npm run bench:scale).
 */
export const FERRETDB_POOL_SIZE = 8;

/** A ping over its own single connection, so a pool busy with slow queries does not look like a hang. */
function pinger(uri: string): { ping: () => Promise<unknown>; close: () => Promise<void> } {
  const client = new mongoose.mongo.MongoClient(uri, { maxPoolSize: 1, serverSelectionTimeoutMS: 2000, heartbeatFrequencyMS: 1000 });
  return { ping: () => client.db('admin').command({ ping: 1 }), close: () => client.close(true) };
}

const mongoosePing = async (): Promise<unknown> => mongoose.connection.db?.admin().ping() ?? Promise.reject(new Error('not connected'));

/**
 * Connects mongoose: to MONGODB_URI when set, otherwise to a MongoDB-wire server this process
 * starts itself (mongod from PATH, else FerretDB on SQLite), supervises (restarts it when it dies
 * or hangs, see supervisor.ts) and stops on exit.
 */
export async function connectDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  mongoose.set('strictQuery', true);
  if (opts.mongoUri) {
    await mongoose.connect(opts.mongoUri, { serverSelectionTimeoutMS: 10_000 });
    opts.logger.info('connected to the database at MONGODB_URI');
    const p = pinger(opts.mongoUri);
    const watch = new DatabaseSupervisor(undefined, { kind: 'external', logger: opts.logger, ping: p.ping, pingTimeoutMs: 5000, misses: 3 });
    return { kind: 'external', uri: opts.mongoUri, watch, stop: async () => { await watch.stop(); await p.close(); await mongoose.disconnect(); } };
  }
  const log = (line: string) => opts.logger.info(line);
  const first = await startEmbeddedServer({ dataDir: opts.dataDir, cacheDir: opts.cacheDir, port: opts.embeddedPort, log });
  const port = Number(new URL(first.uri).port);
  const uri = `${first.uri}${EMBEDDED_DB_NAME}`;
  // a short heartbeat finds a restarted server quickly
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, heartbeatFrequencyMS: 2000, maxPoolSize: first.kind === 'ferretdb' ? FERRETDB_POOL_SIZE : 100 });
  const p = pinger(first.uri);
  const watch = new DatabaseSupervisor(first, {
    kind: first.kind, logger: opts.logger, ping: p.ping, reconnected: mongoosePing,
    // a server shared with another process (its owner supervises it) is only watched
    restart: first.process ? () => startEmbeddedServer({ dataDir: opts.dataDir, cacheDir: opts.cacheDir, port, log }) : undefined,
  });
  return {
    kind: first.kind,
    uri,
    watch,
    stop: async () => {
      await mongoose.disconnect();
      await p.close();
      await watch.stop();
    },
  };
}
