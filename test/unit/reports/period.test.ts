import { describe, expect, it } from 'vitest';
import { monthPeriod, periodOf, previousPeriod, ReportPeriodError } from '../../../src/reports/index.js';

describe('report periods (whole Beijing-time days)', () => {
  it('covers from the first instant of `from` to the last of `to`, Beijing time', () => {
    const p = periodOf('2026-11-01', '2026-11-30');
    expect(p.days).toBe(30);
    expect(p.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-30T15:59:59.999Z');
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod(periodOf('2026-11-01', '2026-11-30'))).toMatchObject({ from: '2026-10-02', to: '2026-10-31', days: 30 });
    expect(previousPeriod(periodOf('2026-03-01', '2026-03-01'))).toMatchObject({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('knows calendar months, February and December included', () => {
    expect(monthPeriod('2026-02')).toMatchObject({ from: '2026-02-01', to: '2026-02-28', days: 28 });
    expect(monthPeriod('2028-02')).toMatchObject({ to: '2028-02-29' });
    expect(monthPeriod('2026-12')).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('refuses impossible days, reversed or overlong periods and bad months', () => {
    for (const [from, to] of [['2026-02-30', '2026-03-01'], ['2026-11-01', '2026/11/30'], ['2026-12-01', '2026-11-01'], ['2025-01-01', '2026-01-02']] as const) {
      expect(() => periodOf(from, to)).toThrow(ReportPeriodError);
    }
    for (const m of ['2026-13', '2026-00', '202611', '']) expect(() => monthPeriod(m)).toThrow(ReportPeriodError);
  });
});
