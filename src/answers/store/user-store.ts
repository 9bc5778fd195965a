import { isDuplicateKey } from '../../core/db-errors.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { LoginFailureModel, ROLES, UserModel, type Role } from './user.model.js';

export interface UserView {
  username: string;
  displayName: string | undefined;
  roles: Role[];
  lockedUntil: Date | undefined;
  createdAt: Date | undefined;
}

export type LoginResult =
  | { ok: true; user: UserView }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

export interface UserStoreOptions {
  /** failures on one account within failureWindowMs before it is locked; default 10 (the per-IP limiter acts at 5) */
  maxFailures?: number;
  lockMs?: number;
  /** how far back failures count; default 15 minutes */
  failureWindowMs?: number;
  now?: () => Date;
}

/** Thrown for an invalid user request (duplicate name, short password, unknown role). */
export class UserError extends Error {
  override name = 'UserError';
  constructor(readonly code: 'duplicate' | 'invalid' | 'not_found', message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

const USERNAME = /^[A-Za-z0-9_.-]{2,40}$/;
export const MIN_PASSWORD_LENGTH = 10;

function view(u: { username: string; displayName?: string | null; roles: string[]; lockedUntil?: Date | null; createdAt?: Date | null }): UserView {
  return {
    username: u.username,
    displayName: u.displayName ?? undefined,
    roles: u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    lockedUntil: u.lockedUntil ?? undefined,
    createdAt: u.createdAt ?? undefined,
  };
}

/** Admin-page accounts: scrypt password hashes, roles, and account lockout. */
export class UserStore {
  private readonly maxFailures: number;
  private readonly lockMs: number;
  private readonly failureWindowMs: number;
  private readonly now: () => Date;

  constructor(options: UserStoreOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.lockMs = options.lockMs ?? 15 * 60_000;
    this.failureWindowMs = options.failureWindowMs ?? 15 * 60_000;
    this.now = options.now ?? (() => new Date());
  }

  async create(username: string, password: string, roles: Role[], createdBy?: string, displayName?: string): Promise<UserView> {
    if (!USERNAME.test(username)) throw new UserError('invalid', 'username: 2-40 letters, digits, _ . -');
    if (password.length < MIN_PASSWORD_LENGTH) throw new UserError('invalid', `password: at least ${MIN_PASSWORD_LENGTH} characters`);
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length > 0) throw new UserError('invalid', `unknown roles: ${unknown.join(', ')}`);
    try {
      const doc = await UserModel.create({ username, displayName, passwordHash: await hashPassword(password), roles: [...new Set(roles)], createdBy });
      return view(doc.toObject());
    } catch (err) {
      if (isDuplicateKey(err)) throw new UserError('duplicate', `user "${username}" exists`, { cause: err });
      throw err;
    }
  }

  /** Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when that account does not exist yet. */
  async ensureBootstrapAdmin(username: string, password: string | undefined): Promise<'created' | 'exists' | 'no_password'> {
    if (await UserModel.exists({ username })) return 'exists';
    if (!password) return 'no_password';
    try {
      await this.create(username, password, ['admin'], 'ADMIN_PASSWORD');
    } catch (err) {
      if (err instanceof UserError && err.code === 'duplicate') return 'exists'; // another instance created it first
      throw err;
    }
    return 'created';
  }

  async get(username: string): Promise<UserView | undefined> {
    const doc = await UserModel.findOne({ username }).lean();
    return doc ? view(doc) : undefined;
  }

  async list(): Promise<UserView[]> {
    return (await UserModel.find({}).sort({ username: 1 }).lean()).map(view);
  }

  async setRoles(username: string, roles: Role[]): Promise<UserView> {
    const doc = await UserModel.findOneAndUpdate({ username }, { $set: { roles: [...new Set(roles)] } }, { returnDocument: 'after' }).lean();
    if (!doc) throw new UserError('not_found', `no user "${username}"`);
    return view(doc);
  }

  /**
   * Checks a password; counts failures and locks the account after maxFailures within the window.
   * The lock is soft: a browser that logged in to the account before (`knownDevice`) may still
   * log in with the right password, so guessers cannot lock the real user out (issue 13).
   */
  async verify(username: string, password: string, opts: { knownDevice?: boolean } = {}): Promise<LoginResult> {
    const doc = await UserModel.findOne({ username }).lean();
    if (!doc) {
      await verifyPassword(password, await dummyHash()); // same work as a real check: timing does not reveal names
      return { ok: false, reason: 'bad_credentials' };
    }
    const now = this.now();
    if (doc.lockedUntil && doc.lockedUntil > now && opts.knownDevice !== true) return { ok: false, reason: 'locked', lockedUntil: doc.lockedUntil };
    if (await verifyPassword(password, doc.passwordHash)) {
      await LoginFailureModel.deleteMany({ username });
      await UserModel.updateOne({ username }, { $set: { failedLogins: 0 }, $unset: { lockedUntil: 1 } });
      return { ok: true, user: view(doc) };
    }
    return this.recordFailure(username, now);
  }

  /**
   * One inserted row per failure, then a count: concurrent guesses each add a row, so none is lost
   * (a read-modify-write of a counter on the user lets parallel guesses overwrite each other).
   */
  private async recordFailure(username: string, now: Date): Promise<LoginResult> {
    await LoginFailureModel.collection.insertOne({ username, at: now });
    const since = new Date(now.getTime() - this.failureWindowMs);
    const failures = await LoginFailureModel.countDocuments({ username, at: { $gt: since, $lte: now } });
    if (failures < this.maxFailures) return { ok: false, reason: 'bad_credentials' };
    const lock = new Date(now.getTime() + this.lockMs);
    // every caller that reaches the limit sets a lock; the same $set either way, so no race matters
    await UserModel.updateOne({ username }, { $set: { lockedUntil: lock } });
    // the failures that caused this lock are spent: after it ends the count starts again
    await LoginFailureModel.deleteMany({ username, at: { $lte: now } });
    return { ok: false, reason: 'locked', lockedUntil: lock };
  }
}
