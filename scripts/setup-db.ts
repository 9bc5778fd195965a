/**
 * npm run setup:db — builds the embedded database server (FerretDB) into CACHE_DIR when it will be
 * needed (no MONGODB_URI, no mongod on PATH) and is not built yet. Run by `npm start` and `npm test`
 * before anything else, so the first test run does not spend its setup time compiling Go.
 */
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../src/config.js';
import { ensureFerretDbBinary } from '../src/db/ferretdb-binary.js';

if (process.argv.includes('--help')) {
  console.log('usage: npm run setup:db\nbuilds FerretDB into CACHE_DIR unless MONGODB_URI is set or mongod is on PATH');
  process.exit(0);
}
const config = loadConfig();
const hasMongod = spawnSync('sh', ['-c', 'command -v mongod'], { encoding: 'utf8' }).status === 0;
if (config.MONGODB_URI || process.env.TEST_MONGODB_URI || hasMongod) {
  console.log('[setup] database: using MONGODB_URI or mongod; nothing to build');
} else {
  const bin = ensureFerretDbBinary(config.cacheDir, (line) => console.log(`[setup] ${line}`));
  console.log(`[setup] database: FerretDB ready at ${bin}`);
}
