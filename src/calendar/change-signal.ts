import { randomUUID } from 'node:crypto';
import { CalendarSignal } from './calendar.model.js';

const SIGNAL_ID = 'generation';

/** Tells every instance the calendar data changed: sets the signal to a fresh random token. */
export async function signalCalendarChange(): Promise<string> {
  const token = randomUUID();
  await CalendarSignal.updateOne({ _id: SIGNAL_ID }, { $set: { token } }, { upsert: true });
  return token;
}

/** The current signal token; null while no change was ever signalled. */
export async function readCalendarSignal(): Promise<string | null> {
  const row = await CalendarSignal.findById(SIGNAL_ID).lean();
  return row?.token ?? null;
}
