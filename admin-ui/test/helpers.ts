import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where the section screenshots go (ADMIN_SCREENSHOTS, e.g. /work/artifacts/admin; a temp folder otherwise). */
const SHOTS = process.env.ADMIN_SCREENSHOTS ?? path.join(tmpdir(), 'nonglian-admin-screens');

export const DESKTOP = { width: 1366, height: 768 };

/** A new tab at 1366×768 (the township's office desktops) on the console. */
export async function openConsole(context: BrowserContext, baseUrl: string, hash = ''): Promise<Page> {
  await context.clearCookies(); // each test logs in afresh
  const page = await context.newPage();
  await page.setViewportSize(DESKTOP);
  page.on('pageerror', (err) => console.error(`[admin console] ${err.message}`));
  page.on('console', (m) => { if (m.type() === 'error') console.error(`[admin console] ${m.text()}`); });
  await page.goto(`${baseUrl}/admin${hash}`);
  return page;
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.fill('#login-user', username);
  await page.fill('#login-pass', password);
  await page.click('#login-submit');
  await page.waitForSelector(`#who:has-text("${username}")`);
}

export async function logout(page: Page): Promise<void> {
  await page.click('#logout');
  await page.waitForSelector('#view-login');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** The admin API as one logged-in tab: keeps the session cookie and sends the CSRF header. */
export async function adminApi(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, p: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const r = await fetch(`${baseUrl}${p}`, { method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}
