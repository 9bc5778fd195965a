import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { buildBot, type BotParts } from '../../src/bootstrap.js';
import { loadConfig, secretValues } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { FakeApi } from '../../test/helpers/fake-platform-apis.js';
import { startHostilePlatform } from './fake-platform.js';
import { fuzzEnv } from './targets.js';

/** The real bot with every channel on, its platforms failing, its log captured line by line. */
export interface HostileBot {
  url: string;
  parts: BotParts;
  platform: FakeApi;
  /** every log line written so far (JSON text) */
  logLines: string[];
  close(): Promise<void>;
}

/** Needs a connected mongoose (the test's database, or the script's embedded server). */
export async function startHostileBot(extraEnv: Record<string, string> = {}): Promise<HostileBot> {
  const platform = await startHostilePlatform();
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', ...fuzzEnv(platform.url), ...extraEnv });
  const logger = createLogger('debug', { secrets: secretValues(config), destination: sink });
  const parts = await buildBot({ config, logger, databaseKind: () => 'fuzz' });
  await parts.start();
  const server: Server = parts.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, parts, platform, logLines,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await parts.stop();
      await platform.close();
    },
  };
}
