import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/db/embedded-server.js';
import { WebVisitor } from '../../helpers/bot.js';

/** Starts `src/main.ts` as the product runs it, on its own embedded database in dataDir. */
function startBotProcess(port: number, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CACHE_DIR: path.resolve('.cache'), LOG_LEVEL: 'warn', MONGODB_URI: '', NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('bot did not become healthy');
}

describe('a confirmed complaint survives SIGKILL', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-sigkill-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the case after the bot is killed right after telling its number, and restarted', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = startBotProcess(port, dataDir);
    children.push(first);
    await waitHealthy(url, first);

    const villager = new WebVisitor(url);
    await villager.say('我要举报村主任收红包 上礼拜在村部 要求退钱');
    await villager.say('红星村 不留联系方式');
    const confirmed = await villager.say('确认');
    const number = /T\d{8}-\d{4}/.exec(confirmed.replies.join('\n'))?.[0];
    expect(number).toBeDefined();

    const killed = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await killed;

    const second = startBotProcess(port, dataDir);
    children.push(second);
    await waitHealthy(url, second);
    const progress = await villager.say(`${number} 办得怎么样了`);
    const text = progress.replies.join('\n');
    expect(text).toContain(number);
    expect(text).not.toMatch(/没有找到|查不到/);
  }, 120_000);
});
