import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Thrown when Debian's chromium is missing and cannot be installed. */
export class ChromiumUnavailableError extends Error {
  override name = 'ChromiumUnavailableError';
}

/** Returns the path of Debian's chromium, installing it with apt-get (as root) when missing. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  try {
    execFileSync('sh', ['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-zenhei'], { stdio: 'pipe', timeout: 10 * 60_000 });
  } catch (err) {
    throw new ChromiumUnavailableError(`chromium is not at ${CHROMIUM_PATH} and "apt-get install -y chromium" failed (needs root and Debian's package mirror)`, { cause: err });
  }
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumUnavailableError(`apt-get finished but ${CHROMIUM_PATH} is still missing`);
  return CHROMIUM_PATH;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless chromium with a throw-away profile directory. */
export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = ensureChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'nonglian-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
