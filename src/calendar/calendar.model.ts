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
