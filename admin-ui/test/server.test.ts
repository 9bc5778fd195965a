import Router from '@koa/router';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { registerAdminUi } from '../server.js';
import { loadConsoleTexts } from '../../src/admin/template-names.js';

/** The console's files come from the project itself, under a CSP that allows nothing from outside. */
describe('admin-ui server', () => {
  const router = new Router();
  registerAdminUi(router);
  const app = new Koa().use(router.routes());
  const get = async (path: string) => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}${path}`);
      return { status: res.status, type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy') ?? '', body: await res.text() };
    } finally {
      await new Promise((r) => server.close(r));
    }
  };

  it('serves the shell, the bundled app, its CSS and ECharts, all same-origin', async () => {
    const page = await get('/admin');
    expect(page.type).toContain('text/html');
    expect(page.csp).toContain("script-src 'self'");
    expect(page.csp).not.toContain('http');
    expect(page.body).toContain('src="/admin/assets/app.js"');
    const js = await get('/admin/assets/app.js');
    expect(js.type).toContain('javascript');
    expect(js.body).toContain('/api/admin/me'); // the app, bundled with Preact
    // no address outside the project (the w3.org strings are XML namespace names, never fetched)
    const urls = js.body.match(/https?:\/\/[^"'\s)]+/g) ?? [];
    expect(urls.filter((u) => !u.startsWith('http://www.w3.org/'))).toEqual([]);
    expect((await get('/admin/assets/app.css')).type).toContain('text/css');
    expect((await get('/admin/assets/echarts.min.js')).body.length).toBeGreaterThan(500_000);
    expect((await get('/admin/assets/nothing.js')).status).toBe(404);
  });

  it('names templates in Chinese and fills a system message as the bot would', () => {
    const texts = loadConsoleTexts('templates', { township: '青山镇' });
    expect(texts.nameOf('system:greeting', '您好')).toBe('欢迎语（关注或打招呼时）');
    expect(texts.nameOf('service:dibao', { name: '低保' })).toBe('低保');
    expect(texts.nameOf('system:not_named_yet', 'x')).toBe('system:not_named_yet');
    expect(texts.fillPreview('这里是{township}，您问的是{service}，{unknown}')).toBe('这里是青山镇，您问的是低保，{unknown}');
    expect(texts.offices.find((o) => o.code === 'minzheng')?.name).toBe('镇民政办');
  });
});
