/**
 * npm run roster:import -- <roster.yml>
 * Imports (upserts) offices and staff from a roster file into the database the bot uses
 * (MONGODB_URI, or the embedded server in DATA_DIR — shared with a running bot).
 */
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/connect.js';
import { createLogger } from '../src/logger.js';
import { loadRosterFile } from '../src/staff/index.js';

const file = process.argv[2];
if (!file || file === '--help') {
  console.log('usage: npm run roster:import -- <roster.yml>\nsee templates/roster.example.yml for the format');
  process.exit(file ? 0 : 2);
}
const config = loadConfig();
const logger = createLogger('warn');
const db = await connectDatabase({ mongoUri: config.MONGODB_URI, dataDir: config.dataDir, cacheDir: config.cacheDir, logger });
try {
  const loaded = await loadRosterFile(path.resolve(file));
  console.log(`imported ${loaded.offices} offices and ${loaded.staff} staff from ${file}${loaded.example ? ' (marked as an example roster)' : ''}`);
} finally {
  await db.stop();
}
