import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/core/errors.js';

describe('config', () => {
  it('.env.example lists every variable the schema reads, and nothing else', () => {
    const listed = readFileSync('.env.example', 'utf8').split('\n')
      .map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter((k): k is string => Boolean(k));
    expect(new Set(listed)).toEqual(new Set(CONFIG_KEYS));
  });

  it('starts with no variables at all', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.WECHAT_API_BASE).toBe('https://api.weixin.qq.com');
    expect(c.MONGODB_URI).toBeUndefined();
  });

  it('treats empty values as unset, as .env files write them', () => {
    expect(loadConfig({ MONGODB_URI: '', PORT: '' }).MONGODB_URI).toBeUndefined();
  });

  it('reports every problem at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', WECHAT_ENCODING_AES_KEY: 'short', WECHAT_API_BASE: 'not a url' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/WECHAT_ENCODING_AES_KEY/);
    expect(problems).toMatch(/WECHAT_API_BASE/);
  });
});
