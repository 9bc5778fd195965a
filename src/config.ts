import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './core/errors.js';

/**
 * The only reader of process.env (conventions §6). Every variable is listed in .env.example;
 * test/unit/config.test.ts keeps the two in step.
 */
const optionalText = z.string().trim().min(1).optional();
const url = z.url();
/** `wechat=50,telegram=25`: a number per channel (the outbox's pace) */
const perChannel = z.string().trim()
  .regex(/^(wechat|qq|onebot|telegram|web|wechaty)=\d+(\.\d+)?(\s*,\s*(wechat|qq|onebot|telegram|web|wechaty)=\d+(\.\d+)?)*$/, 'must look like wechat=50,telegram=25')
  .transform((v) => Object.fromEntries(v.split(',').map((kv) => kv.trim().split('=')).map(([k, n]) => [k, Number(n)])) as Record<string, number>)
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: url.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: optionalText,
  DATA_DIR: z.string().default('./data'),
  CACHE_DIR: z.string().default('./.cache'),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(0),

  WECHAT_TOKEN: optionalText,
  WECHAT_APPID: optionalText,
  WECHAT_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be 43 base64 characters').optional(),
  WECHAT_APPSECRET: optionalText,
  WECHAT_API_BASE: url.default('https://api.weixin.qq.com'),

  QQ_APPID: optionalText,
  QQ_SECRET: optionalText,
  QQ_AUTH_BASE: url.default('https://bots.qq.com'),
  QQ_API_BASE: url.default('https://api.sgroup.qq.com'),

  ONEBOT_API_URL: url.optional(),
  ONEBOT_ACCESS_TOKEN: optionalText,
  ONEBOT_SECRET: optionalText,

  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'Telegram allows 1-256 of A-Z a-z 0-9 _ -').optional(),
  TELEGRAM_API_BASE: url.default('https://api.telegram.org'),

  WECHATY_PUPPET: optionalText,
  WECHATY_PUPPET_TOKEN: optionalText,
  STAFF_ROOM_TOPIC: z.string().default('阳光农廉工作群'),
  // staff room on 企业微信/政务微信 (issue 14): the group's 智能机器人 callback + its 消息推送 webhook
  WECOM_BOT_TOKEN: optionalText,
  WECOM_BOT_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'EncodingAESKey is 43 base64 characters').optional(),
  WECOM_WEBHOOK_URL: url.optional(),
  // staff room on a QQ group (through the OneBot connection) or a Telegram group (issue 14)
  STAFF_ROOM_ONEBOT_GROUP: z.string().regex(/^\d+$/, 'a QQ group number').optional(),
  STAFF_ROOM_TELEGRAM_CHAT: z.string().regex(/^-?\d+$/, 'a Telegram chat id (groups are negative)').optional(),
  ROSTER_FILE: z.string().default('templates/roster.example.yml'),

  ADMIN_USERNAME: z.string().default('admin'),
  ADMIN_PASSWORD: optionalText,
  TOWNSHIP_NAME: z.string().default('本镇'),

  // --- hostile input, secrets and personal data (issue 13) ---
  /** which proxies may set X-Forwarded-For: off, a hop count, or their addresses (see src/http/trust-proxy.ts) */
  TRUST_PROXY: z.string().trim().regex(/^(false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'false, a hop count, or comma-separated proxy addresses').default('false'),
  /** plaintext WeChat pushes are refused once WECHAT_ENCODING_AES_KEY is set, unless this is true (mode transition) */
  WECHAT_ALLOW_PLAINTEXT: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** password checks (scrypt) per second across all logins */
  LOGIN_CHECKS_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(8),
  /** days raw message text is kept; then it is masked */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  /** days a closed case's text is kept after closing (the township's archive period) */
  RETENTION_CASE_ARCHIVE_DAYS: z.coerce.number().int().min(0).max(36500).default(1095),
  /** settled days counted ahead of reports in the background (start-up, then hourly); 0 = only when a report asks */
  REPORT_ROLLUP_DAYS: z.coerce.number().int().min(0).max(3660).default(400),
  // the outbox's pace per channel (defaults in src/outbox/pace.ts)
  OUTBOX_RATE_PER_SECOND: perChannel,
  OUTBOX_CONCURRENCY: perChannel,
});

export type Config = z.infer<typeof schema> & { dataDir: string; cacheDir: string };

/** Parses an environment (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const roomProblems = staffRoomProblems(c);
  if (roomProblems.length) throw new ConfigError(roomProblems);
  return { ...c, dataDir: path.resolve(c.DATA_DIR), cacheDir: path.resolve(c.CACHE_DIR) };
}

/** Values that must never reach a log line (the logger cuts them out of every string). */
export function secretValues(c: Config): string[] {
  return [c.WECHAT_TOKEN, c.WECHAT_ENCODING_AES_KEY, c.WECHAT_APPSECRET, c.QQ_SECRET, c.ONEBOT_ACCESS_TOKEN, c.ONEBOT_SECRET,
    c.TELEGRAM_BOT_TOKEN, c.TELEGRAM_WEBHOOK_SECRET, c.WECHATY_PUPPET_TOKEN, c.ADMIN_PASSWORD,
    c.WECOM_BOT_TOKEN, c.WECOM_BOT_ENCODING_AES_KEY, c.WECOM_WEBHOOK_URL].filter((v): v is string => v !== undefined);
}

/** Staff room (issue 14): the 企业微信 settings go together, and one room at a time is configured. */
function staffRoomProblems(c: z.infer<typeof schema>): string[] {
  const wecom = [c.WECOM_BOT_TOKEN, c.WECOM_BOT_ENCODING_AES_KEY, c.WECOM_WEBHOOK_URL];
  const problems: string[] = [];
  if (wecom.some(Boolean) && !wecom.every(Boolean)) problems.push('WECOM_BOT_TOKEN, WECOM_BOT_ENCODING_AES_KEY and WECOM_WEBHOOK_URL: set all three or none');
  const rooms = [wecom.every(Boolean) && 'WECOM_*', c.STAFF_ROOM_ONEBOT_GROUP && 'STAFF_ROOM_ONEBOT_GROUP', c.STAFF_ROOM_TELEGRAM_CHAT && 'STAFF_ROOM_TELEGRAM_CHAT', c.WECHATY_PUPPET && 'WECHATY_PUPPET'].filter(Boolean);
  if (rooms.length > 1) problems.push(`staff room: configure one group at a time, not ${rooms.join(' and ')}`);
  return problems;
}

/** Names of every variable the schema knows, for the .env.example completeness test. */
export const CONFIG_KEYS = Object.keys(schema.shape);
