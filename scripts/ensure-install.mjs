#!/usr/bin/env node
// Installs what a fresh clone is missing before `npm start` / `npm test`:
// npm packages exactly as package-lock.json says (`npm ci`: it never rewrites the lock file, so a clone
// stays clean and two townships installing a week apart run the same code), nodejieba's native build, the embedded database server (FerretDB, built once
// with Go into .cache/), and — with --browser — Debian's chromium for the admin page's browser test.
// Plain Node, no dependencies: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = new Set(process.argv.slice(2));
if (args.has('--help')) {
  console.log('usage: node scripts/ensure-install.mjs [--browser]\n  installs npm dependencies (npm ci, exactly the lock file) when missing or stale; --browser also installs chromium (apt-get) when missing');
  process.exit(0);
}

function run(cmd, cmdArgs) {
  console.log(`[setup] $ ${cmd} ${cmdArgs.join(' ')}`);
  const res = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`[setup] ${cmd} failed with exit code ${res.status}`);
    process.exit(res.status ?? 1);
  }
}

function depsStale() {
  const marker = 'node_modules/.package-lock.json';
  if (!existsSync(marker)) return true;
  return statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000;
}

function nodejiebaLoads() {
  try {
    createRequire(import.meta.url)('nodejieba');
    return true;
  } catch {
    return false; // not built yet: rebuilt below
  }
}

if (depsStale()) run('npm', ['ci', '--no-audit', '--no-fund']);
if (!nodejiebaLoads()) run('npm', ['rebuild', 'nodejieba']);

// the embedded database server (FerretDB), built once with Go when neither MONGODB_URI nor mongod is there
run('npx', ['--no-install', 'tsx', 'scripts/setup-db.ts']);

if (args.has('--browser') && !existsSync('/usr/bin/chromium')) {
  const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
  const apt = (a) => (sudo.length ? run('sudo', ['apt-get', ...a]) : run('apt-get', a));
  apt(['update', '-qq']);
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  apt(['install', '-y', '-qq', 'chromium', 'fonts-wqy-zenhei']);
}
