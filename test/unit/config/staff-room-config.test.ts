import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/core/errors.js';

const WECOM = { WECOM_BOT_TOKEN: 't', WECOM_BOT_ENCODING_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' };

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  return '';
}

describe('staff room settings (issue 14)', () => {
  it('takes the three 企业微信 settings together, and one staff room at a time', () => {
    expect(problems(WECOM)).toBe('');
    expect(problems({ WECOM_BOT_TOKEN: 't' })).toMatch(/set all three or none/);
    expect(problems({ ...WECOM, STAFF_ROOM_TELEGRAM_CHAT: '-100123' })).toMatch(/one group at a time, not WECOM_\* and STAFF_ROOM_TELEGRAM_CHAT/);
    expect(problems({ STAFF_ROOM_ONEBOT_GROUP: '123456', WECHATY_PUPPET: 'wechaty-puppet-service' })).toMatch(/one group at a time/);
  });

  it('refuses a QQ group or Telegram chat that is not a number, and a short EncodingAESKey', () => {
    const p = problems({ STAFF_ROOM_ONEBOT_GROUP: '工作群', STAFF_ROOM_TELEGRAM_CHAT: '@staff', WECOM_BOT_ENCODING_AES_KEY: 'short' });
    expect(p).toMatch(/STAFF_ROOM_ONEBOT_GROUP/);
    expect(p).toMatch(/STAFF_ROOM_TELEGRAM_CHAT/);
    expect(p).toMatch(/WECOM_BOT_ENCODING_AES_KEY/);
  });
});
