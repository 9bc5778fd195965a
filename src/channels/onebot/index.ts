import type Router from '@koa/router';
import type { TurnHandler, PushSender } from '../../core/channel.js';
import type { Config } from '../../config.js';
import { silentLogger, type Logger } from '../../logger.js';
import { createOneBotHttpApi } from './api.js';
import { OneBotGroupChat } from './group-chat.js';
import { createOneBotPushSender } from './push.js';
import { createOneBotRouter } from './routes.js';
import { createOneBotWsServer, type OneBotWsServer } from './ws.js';

export { escapeCqParam, escapeCqText, parseCqString, toCqString, unescapeCq } from './cq-code.js';
export type { OneBotWsServer } from './ws.js';

/** The part of the config this channel reads. */
export type OneBotConfigSlice = Pick<Config, 'ONEBOT_API_URL' | 'ONEBOT_ACCESS_TOKEN' | 'ONEBOT_SECRET'> & Partial<Pick<Config, 'STAFF_ROOM_ONEBOT_GROUP'>>;

export interface OneBotChannelDeps {
  handleTurn: TurnHandler;
  logger?: Logger;
  /** deadline per turn (default 8 s) */
  deadlineMs?: number;
  bodyLimitBytes?: number;
}

export interface OneBotChannel {
  /** POST /onebot, mounted only when ONEBOT_SECRET is set (unsigned HTTP events are not accepted) */
  router: Router | undefined;
  /** reverse WebSocket at /onebot/ws: wire `server.on('upgrade', (req, sock, head) => ws.handleUpgrade(req, sock, head) || sock.destroy())` */
  ws: OneBotWsServer | undefined;
  push: PushSender;
  /** the staff group (STAFF_ROOM_ONEBOT_GROUP) on this connection, for the staff room */
  staffRoom: OneBotGroupChat | undefined;
  /** resolves when background sends started so far are done */
  drain(): Promise<void>;
  close(): void;
}

/**
 * The OneBot v11 channel (NapCat, Lagrange.OneBot …; protocols.md §3). Undefined when none of
 * ONEBOT_SECRET / ONEBOT_ACCESS_TOKEN / ONEBOT_API_URL is set. HTTP POST events need
 * ONEBOT_SECRET; the reverse WebSocket needs ONEBOT_ACCESS_TOKEN (an empty token admits nobody).
 */
export function createOneBotChannel(config: OneBotConfigSlice, deps: OneBotChannelDeps): OneBotChannel | undefined {
  if (!config.ONEBOT_SECRET && !config.ONEBOT_ACCESS_TOKEN && !config.ONEBOT_API_URL) return undefined;
  const logger = deps.logger ?? silentLogger;
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  const api = config.ONEBOT_API_URL ? createOneBotHttpApi(config.ONEBOT_API_URL, config.ONEBOT_ACCESS_TOKEN) : undefined;
  const staffGroup = config.STAFF_ROOM_ONEBOT_GROUP ? new OneBotGroupChat({ groupId: config.STAFF_ROOM_ONEBOT_GROUP, api }) : undefined;
  const turn = { handleTurn: deps.handleTurn, logger, deadlineMs: deps.deadlineMs ?? 8_000, ...(staffGroup ? { staffGroup } : {}) };
  const router = config.ONEBOT_SECRET
    ? createOneBotRouter({ ...turn, secret: config.ONEBOT_SECRET, api, bodyLimitBytes: deps.bodyLimitBytes ?? 256 * 1024, track })
    : undefined;
  const ws = config.ONEBOT_ACCESS_TOKEN
    ? createOneBotWsServer({ ...turn, accessToken: config.ONEBOT_ACCESS_TOKEN, track, ...(api ? { fallback: (a) => api.call(a) } : {}) })
    : undefined;
  if (staffGroup) staffGroup.ws = ws;
  if (!router) logger.info({ channel: 'onebot' }, 'OneBot HTTP POST off: ONEBOT_SECRET not set');
  if (!ws) logger.info({ channel: 'onebot' }, 'OneBot reverse WebSocket off: ONEBOT_ACCESS_TOKEN not set or ws not installed');
  return {
    router,
    ws,
    push: createOneBotPushSender(api, ws),
    staffRoom: staffGroup,
    drain: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: () => ws?.close(),
  };
}
