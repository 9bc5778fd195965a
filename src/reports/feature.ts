import type { Feature, FeatureContext } from '../features.js';
import { rollUpRecentDays } from './day-rollup.js';

const EVERY_MS = 60 * 60_000;
/** after start-up, so the first turns do not wait behind it */
const FIRST_AFTER_MS = 10_000;

/**
 * Counts each settled day once, in the background (day-rollup.ts), so the first report of a month
 * reads stored rows: at start-up (after a pause) and every hour, which picks up the day that has just
 * settled. Several instances may count the same day; they store the same figures once.
 */
export function reportsFeature(ctx: FeatureContext): Feature {
  const { logger } = ctx;
  const days = ctx.config.REPORT_ROLLUP_DAYS;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const t0 = performance.now();
      const counted = await rollUpRecentDays(days);
      if (counted) logger.info({ days: counted, ms: Math.round(performance.now() - t0) }, 'reports: settled days counted');
    } catch (err) {
      logger.warn({ err }, 'reports: counting settled days failed (tried again within the hour)');
    } finally {
      running = false;
    }
  };
  return {
    name: 'reports',
    handlers: {},
    start: async () => {
      if (days === 0) return;
      timer = setTimeout(function again() {
        void tick();
        timer = setTimeout(again, EVERY_MS);
        timer.unref();
      }, FIRST_AFTER_MS);
      timer.unref();
    },
    stop: async () => clearTimeout(timer),
  };
}
