/**
 * Prints the 群众咨询梳理分析 statistics (000 §7; 一月一报) for a month or a date range.
 * Usage: npm run report -- --month 2026-11 [--json]
 *        npm run report -- --from 2026-10-01 --to 2026-12-31 [--json]
 * Connects like the bot does (MONGODB_URI, else the embedded server under DATA_DIR).
 */
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/connect.js';
import { silentLogger } from '../src/logger.js';
import { buildReport, monthPeriod, periodOf, renderReportText, type Period } from '../src/reports/index.js';

const USAGE = 'usage: npm run report -- --month YYYY-MM [--json]\n       npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--json]';

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function periodFromArgs(argv: string[]): Period | undefined {
  const month = option(argv, '--month');
  if (month) return monthPeriod(month);
  const from = option(argv, '--from');
  const to = option(argv, '--to');
  return from && to ? periodOf(from, to) : undefined;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const period = periodFromArgs(argv);
  if (!period) {
    console.error(USAGE);
    return 1;
  }
  const config = loadConfig();
  const db = await connectDatabase({ mongoUri: config.MONGODB_URI, dataDir: config.dataDir, cacheDir: config.cacheDir, logger: silentLogger });
  try {
    const report = await buildReport({ from: period.from, to: period.to });
    process.stdout.write(argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : renderReportText(report));
  } finally {
    await db.stop();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
