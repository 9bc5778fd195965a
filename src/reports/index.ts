/** Public API of the statistics module (群众咨询梳理分析). No HTTP here: src/admin/reports.routes.ts serves it. */
export { buildReport, type BuildReportOptions } from './build.js';
export { renderReportText } from './render-text.js';
export { ReportTexts } from './texts.js';
export { periodOf, previousPeriod, monthPeriod, quarterPeriod, namedPeriod, periodName, comparisonPeriod, inPeriod, ReportPeriodError, MAX_PERIOD_DAYS, type Period } from './period.js';
export { REPEAT_THRESHOLD } from './cases.js';
export type * from './types.js';
export { buildStatistics, periodInfo, type Statistics, type StatRow, type PeriodInfo, type StatisticsOptions } from './statistics.js';
export { CASE_MEASURES, type CaseMeasure, type Drill } from './case-breakdown.js';
export { unansweredPage, unansweredIn, groupQuestions, UNANSWERED_COLLECTION, type UnansweredRow, type UnansweredFilter } from './unanswered.js';
