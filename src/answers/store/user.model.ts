import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** admin: users and settings; editor: drafts; reviewer: approves; staff/leader/discipline: later issues (工作人员/分管领导/纪检). */
export const ROLES = ['admin', 'editor', 'reviewer', 'staff', 'leader', 'discipline'] as const;
export type Role = (typeof ROLES)[number];

const userSchema = new Schema(
  {
    username: { type: String, required: true },
    displayName: { type: String },
    passwordHash: { type: String, required: true },
    roles: { type: [String], enum: ROLES, default: [] },
    failedLogins: { type: Number, default: 0 },
    lockedUntil: { type: Date },
    createdAt: { type: Date, default: () => new Date() },
    createdBy: { type: String },
    /** the roster member this account acts as in the console's case actions (工作人员编号) */
    staffId: { type: String },
    /** a disabled account cannot log in; its sessions were ended when it was disabled */
    disabled: { type: Boolean, default: false },
  },
  { collection: 'users', versionKey: false },
);
userSchema.index({ username: 1 }, { unique: true });

export type UserDoc = InferSchemaType<typeof userSchema>;
export const UserModel = mongoose.model('User', userSchema);

const sessionSchema = new Schema(
  {
    idHash: { type: String, required: true }, // sha256 of the cookie value; the value itself is never stored
    username: { type: String, required: true },
    csrfToken: { type: String, required: true },
    expiresAt: { type: Date, required: true }, // checked on read and swept periodically: FerretDB has no TTL indexes
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'sessions', versionKey: false },
);
sessionSchema.index({ idHash: 1 }, { unique: true });

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const SessionModel = mongoose.model('Session', sessionSchema);

/**
 * One row per failed login (collection login_failures). Lockout counts rows in a window instead of
 * incrementing a counter: a read-modify-write on the user loses concurrent guesses on FerretDB, inserts do not.
 */
const loginFailureSchema = new Schema(
  { username: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'login_failures', versionKey: false },
);
loginFailureSchema.index({ username: 1, at: 1 });

export const LoginFailureModel = mongoose.model('LoginFailure', loginFailureSchema);
