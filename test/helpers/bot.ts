import type { Server } from 'node:http';
import { buildBot, type BotParts, type BuildOptions } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';

export interface TestBot {
  url: string;
  parts: BotParts;
  close(): Promise<void>;
}

/**
 * Builds the same bot `npm start` runs (on the test file's database, which must already be
 * connected with useTestDatabase) and listens on 127.0.0.1 at a free port.
 */
export async function startTestBot(env: Record<string, string> = {}, opts: Pick<BuildOptions, 'deliverer' | 'database' | 'spoolDir'> = {}): Promise<TestBot> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REPORT_ROLLUP_DAYS: '0', ...env });
  const parts = await buildBot({ config, logger: silentLogger, databaseKind: () => 'test', ...opts });
  await parts.start();
  const server: Server = parts.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    parts,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await parts.stop();
    },
  };
}

/** A browser-like web chat visitor that keeps its cookie. */
export class WebVisitor {
  private cookie = '';
  private seq = 0;
  constructor(private readonly baseUrl: string) {}

  async say(text: string, clientMessageId = `m${Date.now().toString(36)}${(this.seq++).toString(36)}x0`): Promise<{ status: number; replies: string[]; duplicate: boolean }> {
    const res = await fetch(`${this.baseUrl}/chat/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}) },
      body: JSON.stringify({ text, clientMessageId }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const body = (await res.json()) as { replies?: string[]; duplicate?: boolean };
    return { status: res.status, replies: body.replies ?? [], duplicate: body.duplicate ?? false };
  }
}
