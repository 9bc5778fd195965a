import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import type { Context } from 'koa';

/**
 * Serves the admin console (管理后台): the page shell at /admin, the app bundle and its stylesheet, and
 * Apache ECharts from the project's own node_modules. The app (admin-ui/app, Preact + TSX) is bundled with
 * esbuild in memory on the first request and kept; nothing is fetched from outside at run time.
 */
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const require = createRequire(import.meta.url);

const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

interface Asset { type: string; body: string | Buffer }

let bundle: Promise<Asset> | undefined;

/** Bundles admin-ui/app/main.tsx (once per process). */
async function buildApp(): Promise<Asset> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [here('./app/main.tsx')], bundle: true, write: false, format: 'iife', target: 'es2020',
    jsx: 'automatic', jsxImportSource: 'preact', minify: true, legalComments: 'none', logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the admin console');
  return { type: 'application/javascript; charset=utf-8', body: Buffer.from(file.contents) };
}

const fileAssets: Record<string, () => Asset> = {
  'app.css': () => ({ type: 'text/css; charset=utf-8', body: readFileSync(here('./app/app.css')) }),
  'echarts.min.js': () => ({ type: 'application/javascript; charset=utf-8', body: readFileSync(require.resolve('echarts/dist/echarts.min.js')) }),
};
const cache = new Map<string, Asset>();

function asset(name: string): Promise<Asset> | Asset | undefined {
  if (name === 'app.js') {
    bundle ??= buildApp().catch((err: unknown) => { bundle = undefined; throw err; });
    return bundle;
  }
  const load = fileAssets[name];
  if (!load) return undefined;
  let a = cache.get(name);
  if (!a) cache.set(name, (a = load()));
  return a;
}

function secure(ctx: Context): void {
  ctx.set('Content-Security-Policy', CSP);
  ctx.set('X-Content-Type-Options', 'nosniff');
}

const SHELL = readFileSync(here('./app/index.html'), 'utf8');

/** GET /admin and GET /admin/assets/:name. (The printable pages under /admin/print/ are the API's, src/admin.) */
export function registerAdminUi(router: Router): void {
  const page = (ctx: Context): void => {
    secure(ctx);
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = SHELL;
  };
  router.get('/admin', page);
  router.get('/admin/assets/:name', async (ctx) => {
    const a = await asset(String(ctx.params.name));
    if (!a) return;
    secure(ctx);
    ctx.type = a.type;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = a.body;
  });
}
