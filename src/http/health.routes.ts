import Router from '@koa/router';
import mongoose from 'mongoose';

const STATES = ['disconnected', 'connected', 'connecting', 'disconnecting'] as const;

export interface HealthInfo {
  databaseKind: () => string;
  startedAt: Date;
  /** which staff room is configured: 'wecom', 'onebot', 'telegram', 'wechaty' or 'off' (staff work in /admin) */
  staffRoom?: () => string;
}

/** GET /healthz: 200 with the database state while it answers a ping, 503 otherwise. */
export function createHealthRouter(info: HealthInfo): Router {
  const router = new Router();
  router.get('/healthz', async (ctx) => {
    const state = STATES[mongoose.connection.readyState as number] ?? 'unknown';
    let ping = false;
    if (state === 'connected' && mongoose.connection.db) {
      ping = await Promise.race([
        mongoose.connection.db.admin().ping().then(() => true, () => false),
        new Promise<boolean>((r) => setTimeout(() => r(false), 1500)),
      ]);
    }
    ctx.status = ping ? 200 : 503;
    ctx.body = {
      status: ping ? 'ok' : 'unavailable',
      database: { state: ping ? 'up' : state === 'connected' ? 'not answering' : state, kind: info.databaseKind() },
      ...(info.staffRoom ? { staffRoom: info.staffRoom() } : {}),
      uptimeSeconds: Math.round((Date.now() - info.startedAt.getTime()) / 1000),
    };
  });
  return router;
}
