import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { bearerMatches } from './crypto.js';
import { PayloadError } from '../../core/errors.js';
import { parseOneBotEvent } from './decode.js';
import { sendActions } from './encode.js';
import { answerOneBotEvent, type OneBotTurnDeps } from './turn.js';
import type { OneBotAction, OneBotApiResponse } from './types.js';

/** The few parts of the `ws` package used here (it ships no types; @types/ws is not installed). */
export interface WsSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
}
interface WsServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, done: (ws: WsSocket) => void): void;
  close(): void;
}
export interface WsModule {
  WebSocketServer: new (opts: { noServer: true; maxPayload: number }) => WsServer;
  WebSocket: new (url: string, opts?: { headers?: Record<string, string> }) => WsSocket & { once(event: 'open', cb: () => void): void };
}

/** Loads `ws` if it is installed (it comes with other dependencies); undefined otherwise. */
export function loadWsModule(): WsModule | undefined {
  try {
    return createRequire(import.meta.url)('ws') as WsModule;
  } catch {
    return undefined; // not installed: the reverse WebSocket endpoint stays off
  }
}

export interface OneBotWsOptions extends OneBotTurnDeps {
  accessToken: string | undefined;
  track: (work: Promise<void>) => void;
  /** where answers to events from an Event-only socket go when no API socket is connected (the HTTP API) */
  fallback?: (action: OneBotAction) => Promise<unknown>;
  path?: string;
}

export interface OneBotWsServer {
  /** for `server.on('upgrade')`: true when the request was for this endpoint (accepted or refused) */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** sends an action on a connected Universal/API socket; false when none is connected */
  send(action: OneBotAction, selfId?: string): boolean;
  connectedSelfIds(): string[];
  close(): void;
}

interface Connection { ws: WsSocket; selfId: string; role: string }

const ROLES = new Set(['universal', 'event', 'api']);

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Reverse WebSocket: OneBot connects to us at /onebot/ws; events arrive as frames, answers go back as action frames. */
export function createOneBotWsServer(opts: OneBotWsOptions, wsModule = loadWsModule()): OneBotWsServer | undefined {
  if (!wsModule) return undefined;
  const path = opts.path ?? '/onebot/ws';
  const wss = new wsModule.WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const connections = new Set<Connection>();
  let echo = 0;

  function sendOn(conn: Connection, action: OneBotAction): void {
    echo += 1;
    conn.ws.send(JSON.stringify({ ...action, echo: `nonglian-${echo}` }));
  }

  async function onFrame(conn: Connection, data: Buffer): Promise<void> {
    const text = data.toString('utf8');
    const frame = JSON.parse(text) as Partial<OneBotApiResponse> & { post_type?: unknown };
    if (frame.post_type === undefined) {
      if (frame.status === 'failed') opts.logger.warn({ channel: 'onebot', retcode: frame.retcode, echo: frame.echo }, 'OneBot WS action failed');
      return; // an action response
    }
    if (conn.role === 'api') return;
    const answer = await answerOneBotEvent(parseOneBotEvent(text), opts);
    if (!answer) return;
    for (const action of sendActions(answer.target, answer.parts)) {
      if (conn.role === 'universal') sendOn(conn, action);
      else if (!send(action, conn.selfId)) await opts.fallback?.(action);
    }
  }

  function accept(ws: WsSocket, selfId: string, role: string): void {
    const conn: Connection = { ws, selfId, role };
    connections.add(conn);
    ws.on('message', (data) => {
      const work = onFrame(conn, data).catch((err: unknown) => {
        // a malformed frame is the sender's fault: a warning without a stack (issue 13)
        if (err instanceof PayloadError || err instanceof SyntaxError) opts.logger.warn({ channel: 'onebot', reason: err.message }, 'OneBot WS frame refused as bad input');
        else opts.logger.error({ err, channel: 'onebot' }, 'OneBot WS frame failed');
      });
      opts.track(work);
    });
    ws.on('close', () => connections.delete(conn));
    ws.on('error', (err) => opts.logger.warn({ err, channel: 'onebot' }, 'OneBot WS error'));
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) return false;
    const selfId = String(req.headers['x-self-id'] ?? '');
    const role = String(req.headers['x-client-role'] ?? '').toLowerCase();
    if (!bearerMatches(opts.accessToken, req.headers.authorization)) {
      opts.logger.warn({ channel: 'onebot' }, 'OneBot reverse WS refused: bad or missing token');
      refuse(socket, 401, 'Unauthorized');
    } else if (!/^\d+$/.test(selfId) || !ROLES.has(role)) {
      refuse(socket, 400, 'Bad Request');
    } else {
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, selfId, role));
    }
    return true;
  }

  function send(action: OneBotAction, selfId?: string): boolean {
    const conn = [...connections].find((c) => c.role !== 'event' && c.ws.readyState === 1 && (selfId === undefined || c.selfId === selfId));
    if (!conn) return false;
    sendOn(conn, action);
    return true;
  }

  return {
    handleUpgrade,
    send,
    connectedSelfIds: () => [...new Set([...connections].map((c) => c.selfId))],
    close: () => {
      for (const c of connections) c.ws.close(1001, 'server stopping');
      wss.close();
    },
  };
}
