import mongoose from 'mongoose';

/**
 * A staff-room post waiting to go out (卡片、提醒、督办、汇总、动态). `_id` is the post's key ('card:T…',
 * 'remind:T…:<due>', 'digest:<day>' …). A row exists only while the post is pending: it is deleted once
 * the room accepted it, so the queue stays small (the embedded FerretDB scans for any filter but `_id`).
 */
const mentionSchema = new mongoose.Schema(
  { handle: { type: String, default: '' }, chatId: { type: String }, directoryId: { type: String } },
  { _id: false },
);

const postSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    text: { type: String, required: true },
    mentions: { type: [mentionSchema], default: [] },
    /** failed sends so far; the send claim of attempt n is 'send:<_id>:<createdAt ms>:<n>' in StaffRoomDigest */
    attempts: { type: Number, default: 0 },
    /** not before this instant (back-off after a failure, or the platform's rate window) */
    nextAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    /** why the last attempt failed (no URL, no key: the transports word their errors) */
    lastError: { type: String },
  },
  { versionKey: false },
);
postSchema.index({ nextAt: 1 });

export const QueuedPost = mongoose.model('StaffRoomPost', postSchema);

export interface QueuedPostRecord {
  _id: string;
  text: string;
  mentions: { handle: string; chatId?: string; directoryId?: string }[];
  attempts: number;
  nextAt: Date;
  createdAt: Date;
  lastError?: string;
}
