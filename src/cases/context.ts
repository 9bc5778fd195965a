import type { WorkingCalendar } from '../calendar/index.js';
import type { CaseRules } from './case-kinds.js';
import type { Router } from './routing.js';

/** What the case functions need: the calendar, the rules from templates/cases, and a clock. */
export interface CaseContext {
  calendar: WorkingCalendar;
  rules: CaseRules;
  router: Router;
  now: () => Date;
}
