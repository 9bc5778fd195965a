import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DatabaseStartError } from '../core/errors.js';
import { ensureFerretDbBinary } from './ferretdb-binary.js';

export interface EmbeddedServer {
  uri: string;
  kind: 'mongod' | 'ferretdb';
  /** the server process; undefined when another process's server is shared */
  process: ChildProcess | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  cacheDir: string;
  /** fixed port; 0 picks a free one */
  port?: number;
  log?: (line: string) => void;
}

/**
 * Go's garbage-collector target for the embedded FerretDB (GOGC in its environment wins): its heap is a few
 * tens of MB, and collecting at twice the live heap instead of once roughly halves the collector's share of
 * its CPU under load (about 10 % at 100), for a few more MB.
 */
const FERRETDB_GOGC = '200';

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new DatabaseStartError(`database process exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(true); });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new DatabaseStartError(`database did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

interface ServerRecord {
  pid: number;
  ownerPid: number;
  port: number;
  kind: EmbeddedServer['kind'];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // no such process
  }
}

function readRecord(file: string): ServerRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ServerRecord;
  } catch {
    return undefined; // no record, or an unreadable one: treated as none
  }
}

function isDatabaseProcess(pid: number): boolean {
  try {
    return /ferretdb|mongod/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false; // the process is gone
  }
}

/**
 * Looks at the server record in the data directory. A server whose owner is still running is
 * shared (a script next to a running bot connects to it); one whose owner was killed (SIGKILL
 * leaves the server running and holding the data) is ended before a new one starts.
 */
async function inspectExisting(file: string, log: (line: string) => void): Promise<ServerRecord | undefined> {
  const rec = readRecord(file);
  if (!rec) return undefined;
  const dbAlive = isDatabaseProcess(rec.pid);
  if (dbAlive && alive(rec.ownerPid) && rec.ownerPid !== process.pid) return rec;
  if (dbAlive) {
    log(`ending the database server left running by a killed process (pid ${rec.pid})`);
    process.kill(rec.pid, 'SIGKILL');
    for (let i = 0; i < 50 && alive(rec.pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(file, { force: true });
  return undefined;
}

function stopper(child: ChildProcess, pidFile: string): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(pidFile, { force: true });
  };
}

/**
 * Starts a MongoDB-wire server for this process: `mongod` from PATH when there is one,
 * otherwise FerretDB (SQLite backend), built once with Go. Data lives under `dataDir`.
 */
export async function startEmbeddedServer(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => undefined);
  const port = opts.port && opts.port > 0 ? opts.port : await freePort();
  mkdirSync(opts.dataDir, { recursive: true });
  const pidFile = path.join(opts.dataDir, 'db-server.json');
  const shared = await inspectExisting(pidFile, log);
  if (shared) {
    log(`using the ${shared.kind} already serving ${opts.dataDir} (pid ${shared.pid}, owned by pid ${shared.ownerPid})`);
    return { uri: `mongodb://127.0.0.1:${shared.port}/`, kind: shared.kind, process: undefined, stop: async () => undefined };
  }
  const logFd = openSync(path.join(opts.dataDir, 'db-server.log'), 'a');
  let child: ChildProcess;
  let kind: EmbeddedServer['kind'];
  if (onPath('mongod')) {
    kind = 'mongod';
    const dbPath = path.join(opts.dataDir, 'mongod');
    mkdirSync(dbPath, { recursive: true });
    child = spawn('mongod', ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'], { stdio: ['ignore', logFd, logFd] });
  } else {
    kind = 'ferretdb';
    const bin = ensureFerretDbBinary(opts.cacheDir, log);
    const sqliteDir = path.join(opts.dataDir, 'ferretdb');
    const stateDir = path.join(opts.dataDir, 'ferretdb-state');
    mkdirSync(sqliteDir, { recursive: true });
    mkdirSync(stateDir, { recursive: true });
    child = spawn(bin, [
      '--handler=sqlite', `--sqlite-url=file:${sqliteDir}/?_pragma=synchronous(normal)`, `--state-dir=${stateDir}`,
      `--listen-addr=127.0.0.1:${port}`, '--telemetry=disable', `--debug-addr=${process.env.FERRETDB_DEBUG_ADDR ?? '-'}`, '--log-level=WARN',
    ], { stdio: ['ignore', logFd, logFd], env: { ...process.env, GOGC: process.env.GOGC ?? FERRETDB_GOGC } });
  }
  if (child.pid) writeFileSync(pidFile, JSON.stringify({ pid: child.pid, ownerPid: process.pid, port, kind } satisfies ServerRecord));
  const stop = stopper(child, pidFile);
  try {
    await waitForPort(port, child, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  log(`embedded ${kind} listening on 127.0.0.1:${port} (data in ${opts.dataDir})`);
  return { uri: `mongodb://127.0.0.1:${port}/`, kind, process: child, stop };
}
