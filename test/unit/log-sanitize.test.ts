import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

/** Issue 13, finding 1: what reaches a log line, whatever a caller hands the logger. */
function capture(secrets: string[] = []): { logger: ReturnType<typeof createLogger>; lines: () => string[] } {
  const out: string[] = [];
  const destination = new Writable({ write(c: Buffer, _e, done) { out.push(...c.toString('utf8').split('\n').filter(Boolean)); done(); } });
  return { logger: createLogger('debug', { secrets, destination }), lines: () => out };
}

class FakeContext {
  api = { token: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij' };
  update = { message: { text: '电话13812345678' } };
}

describe('the logger', () => {
  it('redacts secret keys at any depth, masks PII in every string and number, cuts configured secrets out', () => {
    const { logger, lines } = capture(['s3cret-app-value']);
    logger.error({
      deep: { a: { b: { c: { d: { password: 'p', passwordHash: 'h', authorization: 'Bearer x', cookie: 'nl_admin=1', note: '身份证110101199003077777' } } } } },
      phoneNumber: 13812345678,
      url: 'https://api.telegram.org/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij/sendMessage',
      config: 'secret is s3cret-app-value',
    }, 'failed for %s', '13900001111');
    const line = lines().join('\n');
    for (const raw of ['13812345678', '110101199003077777', '13900001111', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 's3cret-app-value', 'Bearer x', 'nl_admin=1', '"h"']) expect(line).not.toContain(raw);
    expect(line).toContain('138****5678');
  });

  it('logs an error as type, message, code and stack only: a platform context on it never reaches the line', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('send failed for 13812345678'), { ctx: new FakeContext(), error_code: 403 });
    logger.error({ err, ctx: new FakeContext() }, 'update failed');
    logger.warn(err);
    const [first, second] = lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first?.err).toMatchObject({ type: 'Error', message: 'send failed for 138****5678', error_code: 403 });
    expect(Object.keys(first?.err as object).sort()).toEqual(['error_code', 'message', 'stack', 'type']);
    expect(first?.ctx).toBe('[FakeContext]');
    expect(second?.msg).toBe('send failed for 138****5678');
    expect(lines().join('\n')).not.toMatch(/13812345678|ABCDEFGHIJ/);
  });
});
