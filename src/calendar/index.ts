export { WorkingCalendar, type Deadline, type OverrideKind } from './working-calendar.js';
export { setOverride, removeOverride, confirmYear } from './overrides.js';
export { CalendarOverride, CalendarYear } from './calendar.model.js';
export { dayKey, endOfDay, startOfDay, TOWNSHIP_TZ, type DayInput } from './day-key.js';
export { loadPackageHolidayData, type HolidayData } from './holiday-data.js';
