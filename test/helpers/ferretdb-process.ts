import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-server.js';

export interface FerretDbProcess {
  uri: string;
  stop(): Promise<void>;
}

/** Starts a FerretDB binary (patched or not) on its own temporary SQLite folder, for tests that compare builds. */
export async function startFerretDbProcess(binary: string): Promise<FerretDbProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferretdb-diff-'));
  const port = await freePort();
  const child = spawn(binary, [
    '--handler=sqlite', `--sqlite-url=file:${dir}/?_pragma=synchronous(normal)`, `--state-dir=${dir}`, `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable', '--debug-addr=-', '--log-level=ERROR',
  ], { stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(true); });
      sock.once('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null) throw new Error(`${binary} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
