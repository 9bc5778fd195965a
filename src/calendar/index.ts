export { WorkingCalendar, type Deadline, type OverrideKind } from './working-calendar.js';
export { setOverride, removeOverride, confirmYear } from './overrides.js';
export { signalCalendarChange, readCalendarSignal } from './change-signal.js';
export { calendarYearView, type YearView, type SpecialDay, type OverrideView } from './year-view.js';
export { CalendarOverride, CalendarYear, CalendarSignal } from './calendar.model.js';
export { dayKey, parseDayKey, endOfDay, startOfDay, TOWNSHIP_TZ, type DayInput } from './day-key.js';
export { loadPackageHolidayData, type HolidayData } from './holiday-data.js';
