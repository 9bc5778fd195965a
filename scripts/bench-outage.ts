/**
 * npm run bench:outage [-- --seconds 60 --rate 2 --stop-seconds 30]
 * The outage drill at full length on the real bot and its embedded database (see test/helpers/outage.ts):
 * villagers write through /wechat at `--rate` messages/s for `--seconds`; 10 s in, the database process
 * gets SIGKILL; then the same with SIGSTOP (SIGCONT after `--stop-seconds` if it is still there). Prints
 * how soon the database was back, how the answers went out, and anything lost or sent twice.
 */
import { runOutage, type OutageResult } from '../test/helpers/outage.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
if (process.argv.includes('--help')) {
  console.log('usage: npm run bench:outage -- [--seconds 60] [--rate 2] [--stop-seconds 30] [--only SIGKILL|SIGSTOP]');
  process.exit(0);
}
const seconds = arg('seconds', 60);
const rate = arg('rate', 2);
const stopSeconds = arg('stop-seconds', 30);
const onlyIdx = process.argv.indexOf('--only');
const only = onlyIdx >= 0 ? process.argv[onlyIdx + 1] : undefined;

function print(label: string, r: OutageResult): void {
  console.log(`${label}: ${r.messages} messages; database back after ${r.backAfterMs === undefined ? 'NEVER' : `${(r.backAfterMs / 1000).toFixed(1)} s`} ` +
    `(restarts ${r.restarts}, pid ${r.pids.before} → ${r.pids.after}); answered passively ${r.passive}, pushed ${r.pushed}, ` +
    `「已收到」 notices ${r.notices}; unanswered ${r.unanswered.length}, twice ${r.twice.length}, failures ${r.failures.length}; ` +
    `all answers in ${(r.settledAfterMs / 1000).toFixed(1)} s after the last message`);
}

console.log(`bench:outage — ${rate} messages/s for ${seconds} s through /wechat (safe mode), fault 10 s in, node ${process.version}`);
if (only !== 'SIGSTOP') print('SIGKILL', await runOutage({ signal: 'SIGKILL', trickleSeconds: seconds, perSecond: rate, faultAtSeconds: 10 }));
if (only !== 'SIGKILL') print(`SIGSTOP (${stopSeconds} s)`, await runOutage({ signal: 'SIGSTOP', trickleSeconds: seconds, perSecond: rate, faultAtSeconds: 10, stoppedForSeconds: stopSeconds }));
