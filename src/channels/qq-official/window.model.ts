import { isDuplicateKey } from '../../core/db-errors.js';
import mongoose, { Schema } from 'mongoose';
import type { QqReplyTarget } from './encode.js';

/**
 * QQ passive-reply windows, kept in the database so a restarted bot (or another instance) can still
 * answer a message inside its window. One document per received msg_id.
 */
const windowSchema = new Schema(
  {
    _id: { type: String, required: true }, // msg_id
    kind: { type: String, required: true, enum: ['c2c', 'group'] },
    /** user openid (c2c) or group openid (group): where the reply is sent */
    to: { type: String, required: true },
    /** ids whose `push` answers through this message: the sender, and the group for group messages */
    recipients: { type: [String], default: [] },
    openedAt: { type: Date, required: true },
    /** highest msg_seq claimed so far: only where to start looking, the seq claims below are what count */
    lastSeq: { type: Number, default: 0 },
  },
  { collection: 'qq_reply_windows', versionKey: false },
);
windowSchema.index({ recipients: 1, openedAt: -1 });
windowSchema.index({ openedAt: 1 });
export const QqReplyWindowModel = mongoose.model('QqReplyWindow', windowSchema);

/**
 * One document per msg_seq used, `_id` = `${msgId}:${seq}`. A unique insert is the one write the embedded
 * FerretDB makes atomic (conditional updates are not, see src/cases/claims.ts), so two instances never
 * send the same seq and never more than the quota.
 */
const seqSchema = new Schema(
  { _id: { type: String, required: true }, msgId: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'qq_reply_seqs', versionKey: false },
);
seqSchema.index({ at: 1 });
export const QqReplySeqModel = mongoose.model('QqReplySeq', seqSchema);

export interface StoredWindow {
  target: QqReplyTarget;
  openedAt: number;
  lastSeq: number;
}

interface WindowDoc {
  _id: string;
  kind: 'c2c' | 'group';
  to: string;
  openedAt: Date;
  lastSeq?: number;
}

function toWindow(doc: WindowDoc | null): StoredWindow | null {
  if (!doc) return null;
  const target: QqReplyTarget = doc.kind === 'c2c' ? { kind: 'c2c', openid: doc.to, msgId: doc._id } : { kind: 'group', groupOpenid: doc.to, msgId: doc._id };
  return { target, openedAt: doc.openedAt.getTime(), lastSeq: doc.lastSeq ?? 0 };
}


/** Stores the window of a received message; a redelivered msg_id keeps its first openedAt. */
export async function storeWindow(target: QqReplyTarget, recipients: readonly string[], openedAt: number): Promise<void> {
  const to = target.kind === 'c2c' ? target.openid : target.groupOpenid;
  try {
    await QqReplyWindowModel.collection.insertOne({ _id: target.msgId as never, kind: target.kind, to, recipients: [...recipients], openedAt: new Date(openedAt), lastSeq: 0 });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await QqReplyWindowModel.updateOne({ _id: target.msgId }, { $addToSet: { recipients: { $each: [...recipients] } } });
  }
}

export async function findWindow(msgId: string): Promise<StoredWindow | null> {
  return toWindow(await QqReplyWindowModel.findById(msgId).lean<WindowDoc>());
}

/** The window of the latest message from (or in) `recipient`. */
export async function latestWindowFor(recipient: string): Promise<StoredWindow | null> {
  return toWindow(await QqReplyWindowModel.findOne({ recipients: recipient }).sort({ openedAt: -1 }).lean<WindowDoc>());
}

async function claimSeq(msgId: string, seq: number, at: Date): Promise<boolean> {
  try {
    await QqReplySeqModel.collection.insertOne({ _id: `${msgId}:${seq}` as never, msgId, at });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * Claims `count` unused msg_seq values ≤ `max` for `msgId`, lowest first, or none at all (null):
 * a reply that does not fit the quota gives back what it took, so nothing is half sent.
 */
export async function claimSeqs(window: StoredWindow, count: number, max: number, at: number): Promise<number[] | null> {
  const msgId = window.target.msgId;
  const got: number[] = [];
  for (let seq = window.lastSeq + 1; seq <= max && got.length < count; seq++) {
    if (await claimSeq(msgId, seq, new Date(at))) got.push(seq);
  }
  if (got.length < count) {
    if (got.length > 0) await QqReplySeqModel.deleteMany({ _id: { $in: got.map((s) => `${msgId}:${s}`) } });
    return null;
  }
  await QqReplyWindowModel.updateOne({ _id: msgId }, { $max: { lastSeq: got[got.length - 1] ?? 0 } });
  return got;
}

/** Drops windows and seq claims opened before `before` (long past every window). */
export async function pruneWindows(before: number): Promise<void> {
  const cutoff = new Date(before);
  await QqReplyWindowModel.deleteMany({ openedAt: { $lt: cutoff } });
  await QqReplySeqModel.deleteMany({ at: { $lt: cutoff } });
}
