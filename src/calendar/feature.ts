import type { Feature, FeatureContext } from '../features.js';

/**
 * Keeps this instance's shared WorkingCalendar in step with admin corrections made on any
 * instance: checks the change signal every few seconds and reloads in place when it moved.
 */
export function calendarFeature(ctx: FeatureContext, intervalMs = 5000): Feature {
  let stop: (() => void) | undefined;
  return {
    name: 'calendar',
    start: async () => {
      await ctx.calendar.refreshIfChanged();
      stop = ctx.calendar.startAutoRefresh(intervalMs, (err) => ctx.logger.warn({ err }, 'calendar refresh failed; keeping the loaded calendar'));
    },
    stop: async () => {
      stop?.();
      stop = undefined;
    },
  };
}
