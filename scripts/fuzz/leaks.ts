import { FUZZ_SECRETS } from './targets.js';
import { ID_NUMBER, PHONE } from './values.js';

/** What must never appear in a log line: the corpus's phone and ID number, and every secret. */
export const FORBIDDEN_IN_LOGS: readonly string[] = [
  PHONE, ID_NUMBER, FUZZ_SECRETS.telegram.token, FUZZ_SECRETS.telegram.secret, FUZZ_SECRETS.qq.secret,
  FUZZ_SECRETS.onebot.secret, FUZZ_SECRETS.onebot.accessToken, FUZZ_SECRETS.wechat.secret, FUZZ_SECRETS.wechat.aesKey,
  FUZZ_SECRETS.admin.password,
];

/** The log lines that carry any of them. */
export function leaksIn(lines: readonly string[]): string[] {
  return lines.filter((line) => FORBIDDEN_IN_LOGS.some((s) => line.includes(s)));
}
