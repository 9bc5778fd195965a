import { FAKE_TELEGRAM_BOT, startFakeApi, type FakeApi } from '../../test/helpers/fake-platform-apis.js';

/**
 * One local server playing every platform's outbound API, answering the way a bad day does:
 * Telegram's sendMessage is 403 (the villager blocked the bot), QQ and OneBot sends fail with 500,
 * WeChat's customer-service send is refused (48-hour window). Tokens are handed out normally.
 */
export function startHostilePlatform(): Promise<FakeApi> {
  return startFakeApi((call) => {
    const method = call.path.split('/').pop() ?? '';
    if (method === 'getMe') return { body: { ok: true, result: FAKE_TELEGRAM_BOT } };
    if (method === 'sendMessage') return { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
    if (call.path === '/app/getAppAccessToken') return { body: { access_token: 'fuzz-qq-token', expires_in: '7200' } };
    if (call.path === '/cgi-bin/token') return { body: { access_token: 'fuzz-wx-token', expires_in: 7200 } };
    if (call.path === '/cgi-bin/stable_token') return { body: { access_token: 'fuzz-wx-token', expires_in: 7200 } };
    if (call.path.startsWith('/cgi-bin/message/custom/send')) return { body: { errcode: 45015, errmsg: 'response out of time limit' } };
    if (/^\/v2\//.test(call.path)) return { status: 500, body: { code: 500, message: 'internal' } };
    if (call.path.startsWith('/send_')) return { status: 500, body: { status: 'failed', retcode: 100 } };
    return { status: 404, body: {} };
  });
}
