import type { Server } from 'node:http';
import { buildBot, type BotParts } from '../../../src/bootstrap.js';
import { createWechatRouter } from '../../../src/channels/wechat-official/index.js';
import { loadConfig } from '../../../src/config.js';
import { createApp } from '../../../src/http/app.js';
import { silentLogger, type Logger } from '../../../src/logger.js';
import { WechatTestClient, type ParsedReply } from '../../helpers/wechat-client.js';

export const TOKEN = 'answerstoken';
export const APPID = 'wx5823bf96d3bd56c7';
export const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/**
 * The real bot (buildBot) behind a WeChat callback route whose overflow hook is collected here: what the
 * adapter would hand to the customer-service API after the passive reply.
 */
export interface WechatBot {
  parts: BotParts;
  client: WechatTestClient;
  /** overflow parts per OpenID, in the order the adapter handed them over */
  overflow: Map<string, string[]>;
  send(userId: string, text: string, msgId: string): Promise<{ status: number; reply: ParsedReply | undefined }>;
  close(): Promise<void>;
}

export async function startWechatBot(opts: { rootDir?: string; logger?: Logger } = {}): Promise<WechatBot> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const logger = opts.logger ?? silentLogger;
  const parts = await buildBot({ config, logger, databaseKind: () => 'test', rootDir: opts.rootDir });
  await parts.start();
  const overflow = new Map<string, string[]>();
  const router = createWechatRouter({
    token: TOKEN, appId: APPID, encodingAesKey: AES_KEY, handleTurn: parts.handleTurn, logger,
    onOverflow: async (userId, more) => { overflow.set(userId, [...(overflow.get(userId) ?? []), ...more]); },
  });
  const server: Server = createApp({ logger, routers: [router] }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const client = new WechatTestClient({ token: TOKEN, appId: APPID, aesKey: AES_KEY, mode: 'safe' });
  return {
    parts, client, overflow,
    send: async (userId, text, msgId) => {
      const req = client.buildRequest(client.textXml(userId, text, msgId));
      const res = await fetch(`${url}${req.path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: req.body });
      return { status: res.status, reply: client.parseReply(await res.text()) };
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await parts.stop();
    },
  };
}
