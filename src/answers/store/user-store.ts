import { isDuplicateKey } from '../../core/db-errors.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { logUserChange } from './user-log.model.js';
import { LoginFailureModel, ROLES, UserModel, type Role } from './user.model.js';

export interface UserView {
  username: string;
  displayName: string | undefined;
  roles: Role[];
  lockedUntil: Date | undefined;
  createdAt: Date | undefined;
  /** the roster member the account acts as (case actions); undefined: none linked */
  staffId: string | undefined;
  disabled: boolean;
}

export type LoginResult =
  | { ok: true; user: UserView }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'disabled' }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

export interface UserStoreOptions {
  /** failures on one account within failureWindowMs before it is locked; default 10 (the per-IP limiter acts at 5) */
  maxFailures?: number;
  lockMs?: number;
  /** how far back failures count; default 15 minutes */
  failureWindowMs?: number;
  now?: () => Date;
}

export interface UserErrorOptions extends ErrorOptions {
  /** the precise refusal (a key of the console's wording), e.g. 'short_password' */
  reason?: string;
  vars?: Record<string, string | number>;
}

/** Thrown for an invalid user request (duplicate name, short password, unknown role). */
export class UserError extends Error {
  override name = 'UserError';
  readonly reason: string | undefined;
  readonly vars: Record<string, string | number>;
  constructor(readonly code: 'duplicate' | 'invalid' | 'not_found', message: string, options: UserErrorOptions = {}) {
    super(message, options);
    this.reason = options.reason;
    this.vars = options.vars ?? {};
  }
}

/** Letters of any script (张三), digits, _ . - ; 2 to 40 characters. */
const USERNAME = /^[\p{L}\p{N}_.-]{2,40}$/u;
export const MIN_PASSWORD_LENGTH = 10;

interface UserRow {
  username: string; displayName?: string | null; roles: string[]; lockedUntil?: Date | null; createdAt?: Date | null;
  staffId?: string | null; disabled?: boolean | null;
}

function view(u: UserRow): UserView {
  return {
    username: u.username,
    displayName: u.displayName ?? undefined,
    roles: u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    lockedUntil: u.lockedUntil ?? undefined,
    createdAt: u.createdAt ?? undefined,
    staffId: u.staffId ?? undefined,
    disabled: u.disabled === true,
  };
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserError('invalid', `password: at least ${MIN_PASSWORD_LENGTH} characters`, { reason: 'short_password', vars: { min: MIN_PASSWORD_LENGTH } });
  }
}

function notFound(username: string): UserError {
  return new UserError('not_found', `no user "${username}"`, { vars: { username } });
}

export interface ProfilePatch {
  displayName?: string;
  /** '' unlinks */
  staffId?: string;
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

  async create(username: string, password: string, roles: Role[], createdBy?: string, displayName?: string, staffId?: string): Promise<UserView> {
    if (!USERNAME.test(username)) throw new UserError('invalid', 'username: 2-40 letters, digits, _ . -', { reason: 'invalid_username' });
    checkPassword(password);
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length > 0) throw new UserError('invalid', `unknown roles: ${unknown.join(', ')}`);
    try {
      const doc = await UserModel.create({
        username, displayName, passwordHash: await hashPassword(password), roles: [...new Set(roles)], createdBy, ...(staffId ? { staffId } : {}),
      });
      await logUserChange({ at: this.now(), by: createdBy ?? 'system', username, action: 'create', detail: [...new Set(roles)].join(',') });
      return view(doc.toObject());
    } catch (err) {
      if (isDuplicateKey(err)) throw new UserError('duplicate', `user "${username}" exists`, { cause: err, vars: { username } });
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

  async setRoles(username: string, roles: Role[], by = 'system'): Promise<UserView> {
    const doc = await UserModel.findOneAndUpdate({ username }, { $set: { roles: [...new Set(roles)] } }, { returnDocument: 'after' }).lean();
    if (!doc) throw notFound(username);
    await logUserChange({ at: this.now(), by, username, action: 'roles', detail: [...new Set(roles)].join(',') });
    return view(doc);
  }

  /** Display name and the linked roster member. */
  async setProfile(username: string, patch: ProfilePatch, by: string): Promise<UserView> {
    const set: Record<string, string> = {};
    const unset: Record<string, 1> = {};
    if (patch.displayName !== undefined) set.displayName = patch.displayName.trim();
    if (patch.staffId !== undefined) {
      if (patch.staffId.trim()) set.staffId = patch.staffId.trim();
      else unset.staffId = 1;
    }
    const doc = await UserModel.findOneAndUpdate({ username }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { returnDocument: 'after' }).lean();
    if (!doc) throw notFound(username);
    const detail = Object.entries({ ...set, ...Object.fromEntries(Object.keys(unset).map((k) => [k, ''])) }).map(([k, v]) => `${k}=${v}`).join(',');
    await logUserChange({ at: this.now(), by, username, action: 'profile', detail });
    return view(doc);
  }

  /** A new password set by an admin; the lockout is lifted. The caller ends the user's sessions. */
  async resetPassword(username: string, password: string, by: string): Promise<UserView> {
    checkPassword(password);
    const doc = await UserModel.findOneAndUpdate(
      { username }, { $set: { passwordHash: await hashPassword(password), failedLogins: 0 }, $unset: { lockedUntil: 1 } }, { returnDocument: 'after' },
    ).lean();
    if (!doc) throw notFound(username);
    await LoginFailureModel.deleteMany({ username });
    await logUserChange({ at: this.now(), by, username, action: 'password', detail: '' });
    return view(doc);
  }

  /** Disables or enables an account. A disabled account cannot log in; the caller ends its sessions. */
  async setDisabled(username: string, disabled: boolean, by: string): Promise<UserView> {
    const doc = await UserModel.findOneAndUpdate({ username }, { $set: { disabled } }, { returnDocument: 'after' }).lean();
    if (!doc) throw notFound(username);
    await logUserChange({ at: this.now(), by, username, action: disabled ? 'disable' : 'enable', detail: '' });
    return view(doc);
  }

  /** Accounts that hold the admin role and are not disabled. */
  async activeAdmins(): Promise<string[]> {
    const rows = await UserModel.find({ roles: 'admin', disabled: { $ne: true } }, { username: 1 }).lean();
    return rows.map((r) => r.username);
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
      // only the right password learns that the account is disabled
      if (doc.disabled === true) return { ok: false, reason: 'disabled' };
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
