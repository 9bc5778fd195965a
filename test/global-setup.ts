import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer, type EmbeddedServer } from '../src/db/embedded-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoDataDir: string;
  }
}

let server: EmbeddedServer | undefined;
let dataDir: string | undefined;

/** One real MongoDB-wire server per test run (MONGODB_URI when set, else the embedded one). */
export async function setup(project: TestProject): Promise<void> {
  const given = process.env.TEST_MONGODB_URI;
  if (given) {
    project.provide('mongoUri', given);
    project.provide('mongoDataDir', '');
    return;
  }
  dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-test-db-'));
  server = await startEmbeddedServer({
    dataDir,
    cacheDir: path.resolve('.cache'),
    log: (line) => console.log(`[test-db] ${line}`),
  });
  project.provide('mongoUri', server.uri);
  project.provide('mongoDataDir', dataDir);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
