import path from 'node:path';
import type Router from '@koa/router';
import { findPlaceholders, type PlaceholderHit } from '../answers/placeholders.js';
import { loadOffices } from '../answers/service-template.loader.js';
import type { TemplateStore } from '../answers/store/index.js';
import { requireRole } from './auth.js';
import { adminTexts } from './texts.js';

export interface PlaceholderGroup {
  service: string | null;
  serviceLabel: string;
  office: string | null;
  officeName: string | null;
  templateKey: string | null;
  file: string | null;
  count: number;
  items: PlaceholderHit[];
}

/** Placeholders in the published templates (what villagers read now) and in templates/offices.yml. */
export async function placeholderGroups(store: TemplateStore, templatesDir: string): Promise<PlaceholderGroup[]> {
  const t = adminTexts();
  const offices = loadOffices(templatesDir);
  const groups: PlaceholderGroup[] = [];
  const keys = (await store.list()).filter((s) => s.publishedVersion !== undefined).map((s) => s.key).sort();
  for (const key of keys) {
    const content = await store.published(key);
    const items = findPlaceholders(content);
    if (!items.length) continue;
    const isService = key.startsWith('service:');
    const office = isService ? ((content as { office?: unknown }).office as string | undefined) ?? null : null;
    groups.push({
      service: isService ? key.slice('service:'.length) : null,
      serviceLabel: isService ? t.report.service(key.slice('service:'.length)) : t.render('placeholder.system'),
      office, officeName: office ? (offices.get(office)?.name ?? office) : null, templateKey: key, file: null, count: items.length, items,
    });
  }
  for (const [code, office] of offices) {
    const items = findPlaceholders(office);
    if (!items.length) continue;
    groups.push({
      service: null, serviceLabel: t.render('placeholder.offices'), office: code, officeName: office.name, templateKey: null,
      file: path.join('templates', 'offices.yml'), count: items.length, items,
    });
  }
  return groups;
}

/** `GET /api/admin/placeholders` (by service and office) and `/placeholders/count` (the dashboard's badge). */
export function registerPlaceholderRoutes(router: Router, opts: { store: TemplateStore; templatesDir: string }): void {
  const allowed = requireRole('editor', 'reviewer', 'admin');
  router.get('/api/admin/placeholders', allowed, async (ctx) => {
    const groups = await placeholderGroups(opts.store, opts.templatesDir);
    ctx.body = { total: groups.reduce((n, g) => n + g.count, 0), groups };
  });
  router.get('/api/admin/placeholders/count', allowed, async (ctx) => {
    const groups = await placeholderGroups(opts.store, opts.templatesDir);
    ctx.body = { total: groups.reduce((n, g) => n + g.count, 0) };
  });
}
