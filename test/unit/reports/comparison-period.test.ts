import { describe, expect, it } from 'vitest';
import { comparisonPeriod, namedPeriod, periodOf, ReportPeriodError } from '../../../src/reports/index.js';

describe('the comparison period of a report', () => {
  it('is the whole previous calendar month for a month', () => {
    expect(comparisonPeriod(namedPeriod('2026-12'))).toMatchObject({ from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(comparisonPeriod(namedPeriod('2026-03'))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(comparisonPeriod(namedPeriod('2028-03'))).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(comparisonPeriod(namedPeriod('2027-01'))).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('is the previous quarter for a quarter, across the year', () => {
    expect(namedPeriod('2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31', days: 92 });
    expect(comparisonPeriod(namedPeriod('2026-Q4'))).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    expect(comparisonPeriod(namedPeriod('2026-q1'))).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('is as many days just before for any other range', () => {
    expect(comparisonPeriod(periodOf('2026-12-10', '2026-12-19'))).toMatchObject({ from: '2026-11-30', to: '2026-12-09' });
    expect(comparisonPeriod(periodOf('2026-12-01', '2026-12-30'))).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('refuses what is not a month or a quarter', () => {
    for (const k of ['2026-Q5', '2026-13', '2026', 'Q4', '']) expect(() => namedPeriod(k)).toThrow(ReportPeriodError);
  });
});
