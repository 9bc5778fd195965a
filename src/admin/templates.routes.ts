import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { TEMPLATE_CATEGORIES, type TemplateCategory, type TemplateStore } from '../answers/store/index.js';
import { identity, requireRole } from './auth.js';
import { adminError, intParam, readJson, stringField } from './http.js';
import { adminTexts } from './texts.js';
import { renderPreview, type PreviewRenderers } from './preview.js';
import type { ConsoleTexts } from './template-names.js';

export interface TemplateRouteDeps {
  store: TemplateStore;
  renderers: PreviewRenderers;
  texts: ConsoleTexts;
}

const BASE = '/api/admin/templates';
const anyStaffRole = requireRole('editor', 'reviewer', 'admin');
const editor = requireRole('editor');
const reviewer = requireRole('reviewer');

/** Content comes as JSON (`content`) or as text (`contentText` + `format`: 'yaml' | 'json'). */
function readContent(body: Record<string, unknown>): unknown {
  if ('content' in body) return body.content;
  const text = stringField(body, 'contentText');
  const format = body.format === 'json' ? 'json' : 'yaml';
  try {
    return format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw adminError(400, 'bad_content_text', 'bad_content_text', { format: format.toUpperCase() }, [(err as Error).message], { cause: err });
  }
}

function readCategory(body: Record<string, unknown>): TemplateCategory | undefined {
  const c = body.category;
  if (c === undefined) return undefined;
  if (typeof c === 'string' && (TEMPLATE_CATEGORIES as readonly string[]).includes(c)) return c as TemplateCategory;
  throw adminError(400, 'bad_request', 'bad_category', { choices: TEMPLATE_CATEGORIES.map((k) => adminTexts().label('category', k)).join('、') });
}

const key = (ctx: Context): string => String(ctx.params.key);
const version = (ctx: Context): number => intParam(ctx.params.v, 'version');

type Handler = (ctx: Context, s: TemplateStore, body: Record<string, unknown>) => Promise<unknown>;

/** A POST handler: read the body, run the store call, reply with its result. */
function post(store: TemplateStore, run: Handler): Middleware {
  return async (ctx) => {
    const body = await readJson(ctx as Context);
    ctx.body = await run(ctx as Context, store, body);
  };
}

/** Validates first (a renderer may assume valid content), then renders; a renderer failure is the content's fault. */
function preview(store: TemplateStore, renderers: PreviewRenderers, templateKey: string, content: unknown): ReturnType<typeof renderPreview> {
  const problems = store.validateContent(templateKey, content);
  if (problems.length > 0) throw adminError(422, 'invalid_content', 'invalid_content', {}, problems);
  try {
    return renderPreview(renderers, templateKey, content);
  } catch (err) {
    throw adminError(422, 'render_failed', 'render_failed', {}, [(err as Error).message], { cause: err });
  }
}

/** Chinese names next to the store's keys and ids: the service's name, the category, the seed version's note. */
function templateLabel(templateKey: string): string {
  const t = adminTexts();
  if (templateKey.startsWith('service:')) return t.report.service(templateKey.slice('service:'.length));
  return t.render('template.system', { key: templateKey.replace(/^system:/, '') });
}

function labelledVersion<V extends { author?: string; reason?: string; category?: string }>(v: V): V & { reasonLabel: string; categoryLabel: string } {
  const t = adminTexts();
  const seeded = v.author === 'seed';
  return { ...v, reasonLabel: seeded ? t.render('version_note.seed') : (v.reason ?? ''), categoryLabel: t.label('category', v.category) };
}

export function registerTemplateRoutes(router: Router, { store, renderers, texts }: TemplateRouteDeps): void {
  router.get(BASE, anyStaffRole, async (ctx) => {
    const list = await store.list();
    // each with its Chinese name (the console lists and searches by it), from the published content where there is one
    const templates = await Promise.all(list.map(async (t) => ({
      ...t, name: texts.nameOf(t.key, await store.published(t.key)), label: templateLabel(t.key), categoryLabel: adminTexts().label('category', t.category),
    })));
    ctx.body = { templates, offices: texts.offices };
  });
  router.get('/api/admin/review-queue', anyStaffRole, async (ctx) => {
    ctx.body = { versions: (await store.reviewQueue()).map(labelledVersion) };
  });
  router.get(`${BASE}/:key`, anyStaffRole, async (ctx) => {
    ctx.body = { key: key(ctx), label: templateLabel(key(ctx)), versions: (await store.history(key(ctx))).map(labelledVersion) };
  });
  router.get(`${BASE}/:key/versions/:v`, anyStaffRole, async (ctx) => {
    const v = await store.getVersion(key(ctx), version(ctx));
    ctx.body = { ...labelledVersion(v), yaml: toYaml(v.content) };
  });
  router.get(`${BASE}/:key/diff`, anyStaffRole, async (ctx) => {
    const a = intParam(String(ctx.query.a ?? ''), 'a');
    const b = intParam(String(ctx.query.b ?? ''), 'b');
    ctx.body = { key: key(ctx), a, b, lines: await store.diff(key(ctx), a, b) };
  });
  router.post(`${BASE}/:key/drafts`, editor, post(store, (ctx, s, body) =>
    s.draft(key(ctx), readContent(body), identity(ctx).username, stringField(body, 'reason'), readCategory(body))));
  router.post(`${BASE}/:key/versions/:v/submit`, editor, post(store, (ctx, s) =>
    s.submit(key(ctx), version(ctx), identity(ctx).username)));
  router.post(`${BASE}/:key/versions/:v/approve`, reviewer, post(store, (ctx, s, body) =>
    s.approve(key(ctx), version(ctx), identity(ctx).username, typeof body.comment === 'string' ? body.comment : '')));
  router.post(`${BASE}/:key/versions/:v/reject`, reviewer, post(store, (ctx, s, body) =>
    s.reject(key(ctx), version(ctx), identity(ctx).username, stringField(body, 'comment'))));
  router.post(`${BASE}/:key/versions/:v/publish`, editor, post(store, (ctx, s) =>
    s.publishDirect(key(ctx), version(ctx), identity(ctx).username)));
  router.post(`${BASE}/:key/rollback`, editor, post(store, (ctx, s, body) => {
    const to = typeof body.toVersion === 'number' ? body.toVersion : intParam(String(body.toVersion ?? ''), 'toVersion');
    return s.rollback(key(ctx), to, identity(ctx).username, stringField(body, 'reason'));
  }));
  router.post(`${BASE}/:key/preview`, editor, post(store, async (ctx, s, body) => preview(s, renderers, key(ctx), readContent(body))));
}
