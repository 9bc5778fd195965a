import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, chmodSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseStartError } from '../core/errors.js';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** Where the built FerretDB binary is kept between runs. */
export function ferretDbBinaryPath(cacheDir: string): string {
  return path.join(cacheDir, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

function run(cmd: string, args: string[], cwd: string, log: (line: string) => void): { ok: boolean; out: string } {
  log(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-modcacherw' } });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? String(res.error) : ''}`;
  return { ok: res.status === 0, out };
}

/**
 * Builds FerretDB once from the Go module proxy and caches the binary.
 *
 * `go install …@v1.24.2` cannot be used as such: the proxy here refuses the module's
 * version list (needed for the deprecation check), and a binary built that way panics
 * at start because build/version/version.txt is not in the module zip. So we download
 * the exact module version, write version.txt and build ./cmd/ferretdb inside it.
 */
export function ensureFerretDbBinary(cacheDir: string, log: (line: string) => void = () => undefined): string {
  const target = ferretDbBinaryPath(cacheDir);
  if (existsSync(target)) return target;
  const which = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (which.status !== 0) throw new DatabaseStartError('No mongod on PATH, no MONGODB_URI, and no Go toolchain to build FerretDB.');
  log(`building FerretDB ${FERRETDB_VERSION} (once; cached in ${path.dirname(target)})`);
  const dl = run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], tmpdir(), log);
  if (!dl.ok) throw new DatabaseStartError(`go mod download failed:\n${dl.out}`);
  const dir = (JSON.parse(dl.out.slice(dl.out.indexOf('{'))) as { Dir?: string }).Dir;
  if (!dir) throw new DatabaseStartError(`go mod download gave no Dir:\n${dl.out}`);
  const work = mkdtempSync(path.join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(dir, work, { recursive: true });
    chmodSync(path.join(work, 'build', 'version'), 0o755);
    writeFileSync(path.join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial-${process.pid}`;
    let build = run('go', ['build', '-o', partial, './cmd/ferretdb'], work, log);
    if (!build.ok && build.out.includes('invalid reference to')) {
      build = run('go', ['build', '-ldflags=-checklinkname=0', '-o', partial, './cmd/ferretdb'], work, log);
    }
    if (!build.ok) throw new DatabaseStartError(`building FerretDB failed:\n${build.out}`);
    renameSync(partial, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}
