import Router from '@koa/router';
import mongoose from 'mongoose';
import type { DatabaseWatch } from '../core/database.js';

const STATES = ['disconnected', 'connected', 'connecting', 'disconnecting'] as const;

export interface HealthInfo {
  databaseKind: () => string;
  startedAt: Date;
  /** which staff room is configured: 'wecom', 'onebot', 'telegram', 'wechaty' or 'off' (staff work in /admin) */
  staffRoom?: () => string;
  /** the supervised database's state (up / restarting / down, restarts); without it a ping decides */
  database?: DatabaseWatch;
  /** undefined once start-up is complete; otherwise why the bot is not ready yet */
  notReady?: () => string | undefined;
}

async function pingState(): Promise<string> {
  const state = STATES[mongoose.connection.readyState as number] ?? 'unknown';
  if (state !== 'connected' || !mongoose.connection.db) return state;
  const ping = await Promise.race([
    mongoose.connection.db.admin().ping().then(() => true, () => false),
    new Promise<boolean>((r) => setTimeout(() => r(false), 1500)),
  ]);
  return ping ? 'up' : 'not answering';
}

/**
 * GET /healthz: 200 only when start-up is complete (templates, admin account, features) and the
 * database answers; otherwise 503 with the reason. The body shows the database's state (up /
 * restarting / down) and how often it was restarted.
 */
export function createHealthRouter(info: HealthInfo): Router {
  const router = new Router();
  router.get('/healthz', async (ctx) => {
    const db = info.database?.status();
    const state = db?.state ?? (await pingState());
    const notReady = info.notReady?.();
    const ok = state === 'up' && notReady === undefined;
    ctx.status = ok ? 200 : 503;
    ctx.body = {
      status: ok ? 'ok' : notReady !== undefined ? 'starting' : 'unavailable',
      ready: notReady === undefined,
      ...(notReady !== undefined ? { reason: notReady } : state !== 'up' ? { reason: `database ${state}${db?.reason ? `: ${db.reason}` : ''}` } : {}),
      database: { state, kind: db?.kind ?? info.databaseKind(), ...(db ? { restarts: db.restarts, since: db.since.toISOString() } : {}) },
      ...(info.staffRoom ? { staffRoom: info.staffRoom() } : {}),
      uptimeSeconds: Math.round((Date.now() - info.startedAt.getTime()) / 1000),
    };
  });
  return router;
}
