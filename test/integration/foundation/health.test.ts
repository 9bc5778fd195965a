import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/db/embedded-server.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

describe('GET /healthz', () => {
  let server: EmbeddedServer | undefined;
  let bot: TestBot | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-health-'));
  afterAll(async () => {
    await bot?.close();
    await mongoose.disconnect();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 200 with the database state, and 503 once the database is gone', { timeout: 90_000 }, async () => {
    server = await startEmbeddedServer({ dataDir, cacheDir: path.resolve('.cache') });
    await mongoose.connect(`${server.uri}health`, { serverSelectionTimeoutMS: 2000 });
    bot = await startTestBot();

    const up = await fetch(`${bot.url}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok', database: { state: 'up' } });

    await server.stop();
    const down = await fetch(`${bot.url}/healthz`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { status: string; database: { state: string } };
    expect(body.status).toBe('unavailable');
    expect(body.database.state).not.toBe('up');
  });
});
