import mongoose, { Schema } from 'mongoose';

/** What happened to an admin account; every change an admin makes is kept (user_changes). */
export const USER_ACTIONS = ['create', 'roles', 'profile', 'password', 'disable', 'enable'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export interface UserChange {
  at: Date;
  /** who made the change (an admin's username, or ADMIN_PASSWORD for the first account) */
  by: string;
  username: string;
  action: UserAction;
  /** e.g. the new roles; never a password */
  detail: string;
}

const schema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    username: { type: String, required: true },
    action: { type: String, enum: USER_ACTIONS, required: true },
    detail: { type: String, default: '' },
  },
  { collection: 'user_changes', versionKey: false },
);
schema.index({ at: -1 });
schema.index({ username: 1, at: -1 });

export const UserChangeModel = mongoose.model('UserChange', schema);

export async function logUserChange(change: UserChange): Promise<void> {
  await UserChangeModel.create(change);
}

/** The latest changes, newest first (one account's, or everyone's). */
export async function userChanges(username?: string, limit = 500): Promise<UserChange[]> {
  return UserChangeModel.find(username ? { username } : {}, { _id: 0 }).sort({ at: -1 }).limit(limit).lean<UserChange[]>();
}
