import mongoose from 'mongoose';

export type InterviewStatus = 'offered' | 'booked' | 'rescheduling' | 'held' | 'cancelled';

/** A 视频约谈 between a villager not satisfied with a case's result and the responsible leader (000 §2). */
export interface InterviewRecord {
  caseNumber: string;
  channel: string;
  userId: string;
  officeCode: string;
  leaderStaffId: string;
  /** the slots last offered, in the order the villager sees them (1, 2, 3) */
  slotsOffered: Date[];
  bookedAt: Date | null;
  /** the first booked slot: a reschedule must stay within a week of it */
  originalAt: Date | null;
  /** at most one (000 §2: 预约时间只能更改一次，且不超过一周) */
  reschedules: number;
  status: InterviewStatus;
  outcome: string | null;
  heldAt: Date | null;
  remindersSent: { slot: Date; at: Date }[];
  /** offer round: a fresh offer after a held/cancelled interview starts the next one (claim keys are per round) */
  round?: number;
  /** change requests the villager dropped (算了) this round: the next request is a new claim */
  droppedChanges?: number;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new mongoose.Schema(
  {
    caseNumber: { type: String, required: true, unique: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    officeCode: { type: String, required: true },
    leaderStaffId: { type: String, required: true },
    slotsOffered: { type: [Date], default: [] },
    bookedAt: { type: Date, default: null },
    originalAt: { type: Date, default: null },
    reschedules: { type: Number, default: 0 },
    status: { type: String, required: true },
    outcome: { type: String, default: null },
    heldAt: { type: Date, default: null },
    remindersSent: { type: [mongoose.Schema.Types.Mixed], default: [] },
    round: { type: Number, default: 0 },
    droppedChanges: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);
schema.index({ channel: 1, userId: 1, updatedAt: -1 });
schema.index({ status: 1, bookedAt: 1 });

export const InterviewModel = mongoose.model('Interview', schema);
