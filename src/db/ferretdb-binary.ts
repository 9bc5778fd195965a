import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, chmodSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseStartError } from '../core/errors.js';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** The reviewed patch set applied to FerretDB's source before the build (see db/patches/ferretdb/README.md). */
export const FERRETDB_PATCH_DIR = fileURLToPath(new URL('../../db/patches/ferretdb/', import.meta.url));

interface PatchSet {
  files: string[];
  /** first 8 hex digits of the SHA-256 over the patches' names and contents */
  hash: string;
}

function patchSet(): PatchSet {
  const files = readdirSync(FERRETDB_PATCH_DIR).filter((f) => f.endsWith('.patch')).sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(readFileSync(path.join(FERRETDB_PATCH_DIR, f))).update('\0');
  return { files: files.map((f) => path.join(FERRETDB_PATCH_DIR, f)), hash: h.digest('hex').slice(0, 8) };
}

/**
 * Where the built FerretDB binary is kept between runs. The patched build's folder is keyed by the
 * patch set's hash, so a changed patch rebuilds; the unpatched one (kept for the differential test)
 * is `ferretdb-v1.24.2/`.
 */
export function ferretDbBinaryPath(cacheDir: string, patched = true): string {
  const folder = patched ? `ferretdb-${FERRETDB_VERSION}-${patchSet().hash}` : `ferretdb-${FERRETDB_VERSION}`;
  return path.resolve(cacheDir, folder, 'ferretdb');
}

function run(cmd: string, args: string[], cwd: string, log: (line: string) => void, env: NodeJS.ProcessEnv = {}): { ok: boolean; out: string } {
  log(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-modcacherw', ...env } });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? String(res.error) : ''}`;
  return { ok: res.status === 0, out };
}

/**
 * Applies the patch set with `git apply` (git is there wherever this repository was cloned; `patch`
 * is not on a minimal Debian). GIT_CEILING_DIRECTORIES keeps git from taking a repository above the
 * temporary source folder for its own.
 */
function applyPatches(work: string, files: string[], log: (line: string) => void): void {
  for (const file of files) {
    const res = run('git', ['apply', '-p1', '--whitespace=nowarn', file], work, log, { GIT_CEILING_DIRECTORIES: path.dirname(work) });
    if (!res.ok) throw new DatabaseStartError(`applying ${path.basename(file)} to FerretDB ${FERRETDB_VERSION} failed:\n${res.out}`);
  }
}

/**
 * Builds FerretDB once from the Go module proxy, with the patch set applied (unless `patched` is
 * false), and caches the binary.
 *
 * `go install …@v1.24.2` cannot be used as such: the proxy here refuses the module's
 * version list (needed for the deprecation check), and a binary built that way panics
 * at start because build/version/version.txt is not in the module zip. So we download
 * the exact module version, write version.txt and build ./cmd/ferretdb inside it.
 */
export function ensureFerretDbBinary(cacheDir: string, log: (line: string) => void = () => undefined, patched = true): string {
  const target = ferretDbBinaryPath(cacheDir, patched);
  if (existsSync(target)) return target;
  const which = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (which.status !== 0) throw new DatabaseStartError('No mongod on PATH, no MONGODB_URI, and no Go toolchain to build FerretDB.');
  log(`building FerretDB ${FERRETDB_VERSION}${patched ? ' with db/patches/ferretdb' : ''} (once; cached in ${path.dirname(target)})`);
  const dl = run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], tmpdir(), log);
  if (!dl.ok) throw new DatabaseStartError(`go mod download failed:\n${dl.out}`);
  const dir = (JSON.parse(dl.out.slice(dl.out.indexOf('{'))) as { Dir?: string }).Dir;
  if (!dir) throw new DatabaseStartError(`go mod download gave no Dir:\n${dl.out}`);
  const work = mkdtempSync(path.join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(dir, work, { recursive: true });
    run('chmod', ['-R', 'u+w', '.'], work, log); // the module cache is read-only
    if (patched) applyPatches(work, patchSet().files, log);
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
