import type { Server } from 'node:http';
import { buildBot } from './bootstrap.js';
import { loadConfig, secretValues } from './config.js';
import { ConfigError } from './core/errors.js';
import { connectDatabase } from './db/connect.js';
import { createLogger } from './logger.js';

/** Starts the bot: config → database → bot → HTTP; stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL, { secrets: secretValues(config) });
  const db = await connectDatabase({
    mongoUri: config.MONGODB_URI, dataDir: config.dataDir, cacheDir: config.cacheDir,
    embeddedPort: config.EMBEDDED_DB_PORT, logger,
  });
  const bot = await buildBot({ config, logger, databaseKind: () => db.kind, database: db.watch });
  const server: Server = bot.app.listen(config.PORT, config.HOST);
  server.on('upgrade', (req, socket, head) => {
    if (!bot.gateway.upgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  await bot.start();
  logger.info({ channels: bot.channels, features: bot.features.map((f) => f.name), database: db.kind }, `nonglian-bot listening on http://${config.HOST}:${port} — open /chat to talk to it`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bot.stop();
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('nonglian-bot failed to start:', err);
  process.exit(1);
});
