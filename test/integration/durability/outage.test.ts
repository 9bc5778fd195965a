import { describe, expect, it } from 'vitest';
import { runOutage } from '../../helpers/outage.js';

/**
 * The database process dies (SIGKILL) or hangs (SIGSTOP) while villagers write through /wechat at
 * 2 messages/s: the supervisor brings it back, the spool keeps what could not be stored, and every
 * villager gets their answer once — passively, or through the customer-service API after the replay.
 * 20 s trickles here; `npm run bench:outage` runs the full 60 s and prints the figures.
 */
describe('database outage under a trickle of WeChat messages', () => {
  it('SIGKILL: the database is back within 10 s and every message is answered once', async () => {
    const r = await runOutage({ signal: 'SIGKILL', trickleSeconds: 20, perSecond: 2, faultAtSeconds: 6 });
    expect(r.failures).toEqual([]);
    expect(r.unanswered).toEqual([]);
    expect(r.twice).toEqual([]);
    expect(r.passive + r.pushed).toBe(r.messages);
    expect(r.pids.after).not.toBe(r.pids.before);
    expect(r.restarts).toBe(1);
    expect(r.backAfterMs).toBeDefined();
    expect(r.backAfterMs).toBeLessThanOrEqual(10_000);
  }, 240_000);

  it('SIGSTOP: the hung database is detected, killed and replaced; every message is answered once', async () => {
    const r = await runOutage({ signal: 'SIGSTOP', trickleSeconds: 20, perSecond: 2, faultAtSeconds: 6, stoppedForSeconds: 15 });
    expect(r.failures).toEqual([]);
    expect(r.unanswered).toEqual([]);
    expect(r.twice).toEqual([]);
    expect(r.passive + r.pushed).toBe(r.messages);
    expect(r.notices).toBeGreaterThan(0); // the hang was felt: messages waited in the spool
    expect(r.pids.after).not.toBe(r.pids.before);
    expect(r.restarts).toBe(1);
    expect(r.backAfterMs).toBeDefined();
  }, 240_000);
});
