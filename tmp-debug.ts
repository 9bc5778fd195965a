import Koa from 'koa';
import { chromium } from 'playwright-core';
import { createAdminRouter } from './src/admin/router.js';
import { SessionStore, TemplateStore, UserStore } from './src/answers/store/index.js';
import { silentLogger } from './src/logger.js';
const app = new Koa();
const router = createAdminRouter({ store: new TemplateStore({ validate: () => [], logger: silentLogger }), users: new UserStore(), sessions: new SessionStore(), logger: silentLogger });
app.use(router.routes()).use(router.allowedMethods());
const s = app.listen(0, '127.0.0.1', async () => {
  const port = (s.address() as { port: number }).port;
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
  const p = await b.newPage();
  p.on('console', (m) => console.log('console', m.type(), m.text()));
  p.on('pageerror', (e) => console.log('pageerror', e.message));
  await p.goto(`http://127.0.0.1:${port}/admin`);
  await new Promise((r) => setTimeout(r, 3000));
  console.log((await p.content()).slice(0, 600));
  await b.close(); s.close(); process.exit(0);
});
