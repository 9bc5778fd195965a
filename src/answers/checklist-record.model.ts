import { isDuplicateKey } from '../core/db-errors.js';
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { dayKey } from '../calendar/index.js';

/**
 * One written 一次性告知 as it was sent to a villager (003 三(六): 书面告知，一式两份): staff can look it up by its
 * number and print it. `first` is the full checklist, `second` the notice of what is still missing, `complete`
 * the "everything is there, go here next" answer. `sourceMessageId` (channel:messageId) is unique, so a retried
 * delivery of the same message never creates a second record.
 */
export const NOTICE_KINDS = ['first', 'second', 'complete'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

const itemSchema = new Schema({ id: { type: String, required: true }, name: { type: String, required: true } }, { _id: false });

const checklistRecordSchema = new Schema(
  {
    number: { type: String, required: true },
    service: { type: String, required: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    items: { type: [itemSchema], default: [] },
    parts: { type: [String], default: [] },
    templateVersion: { type: String, required: true },
    kind: { type: String, enum: NOTICE_KINDS, required: true },
    createdAt: { type: Date, required: true, default: () => new Date() },
    sourceMessageId: { type: String },
  },
  { collection: 'checklist_records', versionKey: false },
);
checklistRecordSchema.index({ number: 1 }, { unique: true });
checklistRecordSchema.index({ sourceMessageId: 1 }, { unique: true, sparse: true });
checklistRecordSchema.index({ channel: 1, userId: 1, createdAt: -1 });
// the admin console lists the notices of a date range
checklistRecordSchema.index({ createdAt: -1 });

export type ChecklistRecord = InferSchemaType<typeof checklistRecordSchema>;
export const ChecklistRecordModel = mongoose.model('ChecklistRecord', checklistRecordSchema);

const counterSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number, default: 0 } }, { collection: 'checklist_counters', versionKey: false });
const ChecklistCounterModel = mongoose.model('ChecklistCounter', counterSchema);

/**
 * The next notice number for the Beijing day of `at`: 'G' + yyyymmdd + '-' + 4 digits (5 past 9999), from a
 * per-day counter bumped with $inc (no transactions on FerretDB). The insert under the unique `number` index
 * is the final guard: a clash there means "take the next one".
 */
export async function nextChecklistNumber(at: Date): Promise<string> {
  const day = dayKey(at).replaceAll('-', '');
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await ChecklistCounterModel.findOneAndUpdate(
        { _id: `checklist-${day}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after', lean: true },
      );
      if (typeof doc?.seq !== 'number') throw new Error(`checklist counter for ${day} returned no sequence`);
      return `G${day}-${String(doc.seq).padStart(4, '0')}`;
    } catch (err) {
      // two first-of-the-day upserts raced: the loser retries against the now existing counter
      if (!isDuplicateKey(err) || attempt >= 5) throw err;
    }
  }
}

export interface NewNotice {
  service: string;
  channel: string;
  userId: string;
  items: { id: string; name: string }[];
  templateVersion: string;
  kind: NoticeKind;
  sourceMessageId: string;
  /** the texts to send, given the record's number (so the reply can mention it) */
  render: (number: string) => string[];
}

export interface SavedNotice { number: string; parts: string[]; created: boolean }

/**
 * Stores a notice once per source message: a second call for the same message returns the first record
 * (same number, same parts) instead of creating another.
 */
export async function recordNotice(n: NewNotice, now = new Date()): Promise<SavedNotice> {
  for (let attempt = 0; ; attempt++) {
    const existing = await ChecklistRecordModel.findOne({ sourceMessageId: n.sourceMessageId }).lean();
    if (existing) return { number: existing.number, parts: existing.parts, created: false };
    const number = await nextChecklistNumber(now);
    const parts = n.render(number);
    try {
      await ChecklistRecordModel.create({
        number, service: n.service, channel: n.channel, userId: n.userId, items: n.items, parts,
        templateVersion: n.templateVersion, kind: n.kind, createdAt: now, sourceMessageId: n.sourceMessageId,
      });
      return { number, parts, created: true };
    } catch (err) {
      // a clash on sourceMessageId is answered by the lookup above; one on number takes the next number
      if (!isDuplicateKey(err) || attempt >= 5) throw err;
    }
  }
}

/** A notice by its number, for staff (书面告知). */
export async function findChecklistRecord(number: string): Promise<ChecklistRecord | null> {
  return ChecklistRecordModel.findOne({ number }, { _id: 0 }).lean();
}
