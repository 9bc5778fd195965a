import { createHash, randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';

/**
 * Browsers that logged in to an account before (the `nl_admin_device` cookie). The cookie value
 * is never stored, only its sha256; a correct password from such a browser is not throttled and
 * passes the account's soft lock, so guessing cannot lock the real user out (issue 13).
 */
const deviceSchema = new Schema(
  {
    _id: { type: String, required: true }, // sha256 of the cookie value
    username: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
  },
  { collection: 'admin_devices', versionKey: false },
);
deviceSchema.index({ username: 1 });
export const AdminDeviceModel = mongoose.model('AdminDevice', deviceSchema);

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[0-9a-f]{64}$/;

export class DeviceStore {
  /** True when the cookie belongs to a browser that logged in as this user before. */
  async isKnown(token: string | undefined, username: string): Promise<boolean> {
    if (!token || !TOKEN.test(token)) return false;
    const doc = await AdminDeviceModel.findById(hash(token), { username: 1 }).lean();
    return doc?.username === username;
  }

  /** Remembers this browser for the user; returns the cookie value (the old one when still valid). */
  async remember(token: string | undefined, username: string, now = new Date()): Promise<string> {
    if (token && (await this.isKnown(token, username))) {
      await AdminDeviceModel.updateOne({ _id: hash(token) }, { $set: { lastUsedAt: now } });
      return token;
    }
    const fresh = randomBytes(32).toString('hex');
    await AdminDeviceModel.create({ _id: hash(fresh), username, createdAt: now, lastUsedAt: now });
    return fresh;
  }
}
