import path from 'node:path';
import type { Feature, FeatureContext } from '../features.js';
import { Office } from './staff.model.js';
import { loadRosterFile } from './roster-file.js';

/**
 * The roster (offices, staff, who is on duty) lives in the database, where the staff room's
 * 值班/请假 commands change it. On the first start it is imported from ROSTER_FILE; later starts
 * leave it alone (re-import with `npm run roster:import`).
 */
export function rosterFeature(ctx: FeatureContext): Feature {
  return {
    name: 'roster',
    start: async () => {
      if (await Office.exists({})) return;
      const file = path.resolve(ctx.rootDir, ctx.config.ROSTER_FILE);
      const loaded = await loadRosterFile(file);
      ctx.logger.info({ file, ...loaded }, 'roster imported on first start');
      if (loaded.example) ctx.logger.warn('the roster is the EXAMPLE roster: replace it with the township\'s real staff (ROSTER_FILE, then npm run roster:import)');
    },
  };
}
