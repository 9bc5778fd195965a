import { createHash, randomBytes } from 'node:crypto';
import { SessionModel } from './user.model.js';

export interface Session {
  username: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface NewSession extends Session {
  /** the cookie value; only its sha256 is stored */
  token: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Login sessions in the database, so any instance can serve any admin request. */
export class SessionStore {
  constructor(private readonly ttlMs = 8 * 3600_000) {}

  async create(username: string): Promise<NewSession> {
    const token = randomBytes(32).toString('hex');
    const csrfToken = randomBytes(32).toString('hex');
    const expiresAt = new Date(Date.now() + this.ttlMs);
    await SessionModel.create({ idHash: sha256(token), username, csrfToken, expiresAt });
    return { token, username, csrfToken, expiresAt };
  }

  /** The live session for a cookie value; an expired one is deleted and not returned. */
  async get(token: string): Promise<Session | undefined> {
    if (!/^[0-9a-f]{64}$/.test(token)) return undefined;
    const doc = await SessionModel.findOne({ idHash: sha256(token) }).lean();
    if (!doc) return undefined;
    if (doc.expiresAt.getTime() <= Date.now()) {
      await SessionModel.deleteOne({ idHash: doc.idHash });
      return undefined;
    }
    return { username: doc.username, csrfToken: doc.csrfToken, expiresAt: doc.expiresAt };
  }

  async destroy(token: string): Promise<void> {
    await SessionModel.deleteOne({ idHash: sha256(token) });
  }

  async destroyAllFor(username: string): Promise<void> {
    await SessionModel.deleteMany({ username });
  }

  /** Deletes expired sessions (no TTL index on FerretDB). */
  async sweepExpired(): Promise<number> {
    const res = await SessionModel.deleteMany({ expiresAt: { $lte: new Date() } });
    return res.deletedCount;
  }

  /** Sweeps every intervalMs; returns a stop function. */
  startSweeper(intervalMs = 10 * 60_000, onError: (err: unknown) => void = () => undefined): () => void {
    const timer = setInterval(() => {
      this.sweepExpired().catch(onError);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
