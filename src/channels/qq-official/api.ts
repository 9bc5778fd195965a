import { HttpError } from '../../core/errors.js';
import type { QqSendBody, QqTokenResponse } from './types.js';

export interface QqApiOptions {
  appId: string;
  secret: string;
  authBase: string;
  apiBase: string;
  /** clock in ms, for tests */
  now?: () => number;
  /** per-request timeout; the docs recommend at least 5 s */
  timeoutMs?: number;
}

/** Tokens are renewed this long before they expire (a call in the last 60 s returns a new one). */
const RENEW_BEFORE_MS = 60_000;

export interface QqApi {
  accessToken(): Promise<string>;
  send(path: string, body: QqSendBody): Promise<unknown>;
}

function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new HttpError(502, `QQ API ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 200)}`);
  try {
    return text.length === 0 ? {} : JSON.parse(text);
  } catch (cause) {
    throw new HttpError(502, `QQ API ${new URL(url).pathname} answered non-JSON`, { cause });
  }
}

/** QQ OpenAPI client: app access token (cached until 60 s before expiry) and message sends. */
export function createQqApi(opts: QqApiOptions): QqApi {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const url = `${trimSlash(opts.authBase)}/app/getAppAccessToken`;
    const json = (await postJson(url, { appId: opts.appId, clientSecret: opts.secret }, {}, timeoutMs)) as Partial<QqTokenResponse>;
    const seconds = Number(json.expires_in);
    if (typeof json.access_token !== 'string' || json.access_token === '' || !Number.isFinite(seconds)) {
      throw new HttpError(502, 'QQ getAppAccessToken answered without a token');
    }
    cached = { token: json.access_token, expiresAt: now() + seconds * 1000 };
    return json.access_token;
  }

  async function accessToken(): Promise<string> {
    if (cached && now() < cached.expiresAt - RENEW_BEFORE_MS) return cached.token;
    inflight ??= fetchToken().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function send(path: string, body: QqSendBody): Promise<unknown> {
    const token = await accessToken();
    return postJson(`${trimSlash(opts.apiBase)}${path}`, body, { authorization: `QQBot ${token}` }, timeoutMs);
  }

  return { accessToken, send };
}
