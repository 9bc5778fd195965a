import mongoose, { type InferSchemaType } from 'mongoose';

/** An admin's correction to the statutory calendar: one day made a working day or a day off. */
const calendarOverrideSchema = new mongoose.Schema(
  {
    /** 'YYYY-MM-DD' in Asia/Shanghai */
    date: { type: String, required: true, unique: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    kind: { type: String, required: true, enum: ['workday', 'holiday'] },
    note: { type: String, default: '' },
    createdBy: { type: String, required: true },
  },
  { timestamps: true },
);

export type CalendarOverrideDoc = InferSchemaType<typeof calendarOverrideSchema>;
export const CalendarOverride = mongoose.model('CalendarOverride', calendarOverrideSchema);

/**
 * An admin's statement that a year's State Council notice has been entered in full (as overrides),
 * for years the `chinese-days` package does not cover yet. Deadlines in such a year count as covered.
 */
const calendarYearSchema = new mongoose.Schema(
  {
    year: { type: Number, required: true, unique: true },
    confirmedBy: { type: String, required: true },
    note: { type: String, default: '' },
  },
  { timestamps: true },
);

export const CalendarYear = mongoose.model('CalendarYear', calendarYearSchema);

/**
 * One document whose `token` changes (to a new random id) on every override or year change.
 * Instances compare it cheaply and reload their calendar only when it moved; a lost race between
 * two writers still leaves a token no instance has seen, which is all the signal has to do.
 */
const calendarSignalSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
  },
  { collection: 'calendar_signal', versionKey: false, timestamps: true },
);

export const CalendarSignal = mongoose.model('CalendarSignal', calendarSignalSchema);
