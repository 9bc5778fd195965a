import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { silentLogger, type Logger } from '../../../src/logger.js';
import { SessionStore, TemplateStore, UserStore, type ContentValidator } from '../../../src/answers/store/index.js';
import { createAdminRouter } from '../../../src/admin/router.js';
import type { PreviewRenderers } from '../../../src/admin/preview.js';

/** Test templates are `{ title, text }`; anything else is refused, as the real schema would. */
export const validateTest: ContentValidator = (_key, content) => {
  const c = content as { title?: unknown; text?: unknown } | null;
  const problems: string[] = [];
  if (typeof c !== 'object' || c === null) return ['content must be an object'];
  if (typeof c.title !== 'string') problems.push('title: string required');
  if (typeof c.text !== 'string') problems.push('text: string required');
  return problems;
};

export const PASSWORD = 'correct horse battery';

export interface AdminHarness {
  baseUrl: string;
  store: TemplateStore;
  users: UserStore;
  close(): Promise<void>;
}

/** A koa app with the admin router, listening on 127.0.0.1, plus seeded users and templates. */
export async function startAdmin(opts: { logger?: Logger; renderers?: PreviewRenderers } = {}): Promise<AdminHarness> {
  const store = new TemplateStore({ validate: validateTest, logger: opts.logger ?? silentLogger });
  const users = new UserStore();
  for (const [name, roles] of [['alice', ['editor']], ['bob', ['reviewer']], ['carol', ['editor', 'reviewer']], ['root', ['admin']]] as const) {
    if (!(await users.get(name))) await users.create(name, PASSWORD, [...roles]);
  }
  await store.seedFromFiles([
    { key: 'service:dibao', category: 'town', content: { title: '低保', text: '低保申请：带户口本。' } },
    { key: 'policy:law', category: 'policy', content: { title: '政策', text: '第一条' } },
    { key: 'internal:notes', category: 'internal', content: { title: '内部', text: '内部口径，勿外发' } },
  ]);
  const app = new Koa();
  const router = createAdminRouter({ store, users, sessions: new SessionStore(), logger: opts.logger ?? silentLogger, previewRenderers: opts.renderers });
  app.use(router.routes()).use(router.allowedMethods());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    users,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export interface ApiReply {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
  headers: Headers;
}

/** A cookie-keeping API client, like one browser tab. */
export class ApiClient {
  private cookie = '';
  csrf = '';

  constructor(private readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown, opts: { csrf?: boolean } = {}): Promise<ApiReply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (opts.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as ApiReply['body']) : {}, headers: res.headers };
  }

  async login(username: string, password = PASSWORD): Promise<ApiReply> {
    const r = await this.call('POST', '/api/admin/login', { username, password });
    if (r.status === 200) this.csrf = String(r.body.csrfToken);
    return r;
  }
}
