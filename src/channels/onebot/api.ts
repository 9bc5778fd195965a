import { HttpError } from '../../core/errors.js';
import type { OneBotAction, OneBotApiResponse } from './types.js';

export interface OneBotHttpApi {
  call(action: OneBotAction): Promise<OneBotApiResponse>;
}

/** OneBot HTTP API client: POST {url}/{action} with `Authorization: Bearer <token>`. */
export function createOneBotHttpApi(baseUrl: string, accessToken: string | undefined, timeoutMs = 10_000): OneBotHttpApi {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async call(action) {
      const res = await fetch(`${base}/${action.action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
        body: JSON.stringify(action.params),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new HttpError(502, `OneBot API /${action.action} answered ${res.status}`);
      const json = (await res.json()) as OneBotApiResponse;
      if (json.status === 'failed') throw new HttpError(502, `OneBot API /${action.action} failed with retcode ${json.retcode}`);
      return json;
    },
  };
}
