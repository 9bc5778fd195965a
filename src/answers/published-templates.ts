import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { loadServiceTemplates, servicesDir, serviceFiles } from './service-template.loader.js';
import { SERVICE_IDS, ServiceTemplateSchema, type ServiceId, type ServiceTemplate } from './service-template.schema.js';
import type { PublishedEntry, TemplateStore } from './store/index.js';
import { serviceKey } from './template-registry.js';

/**
 * The service templates villagers are answered from: the published version of each service.
 * `get` is synchronous (renderers are); `refresh` brings the snapshot up to date before a turn reads it.
 */
export interface PublishedTemplates {
  get(id: ServiceId): ServiceTemplate | undefined;
  /** which text was used, stored with every checklist record: a file hash or a store version */
  version(id: ServiceId): string;
  /** cheap when nothing changed (the store checks a generation counter at most once a second) */
  refresh(): Promise<void>;
}

export const isServiceId = (value: unknown): value is ServiceId =>
  typeof value === 'string' && (SERVICE_IDS as readonly string[]).includes(value);


/** templates/services/*.yml as loaded at start; the version is the file's content hash. */
export function filePublishedTemplates(templatesDir: string): PublishedTemplates {
  const templates = loadServiceTemplates(templatesDir);
  const versions = new Map<string, string>();
  for (const name of serviceFiles(templatesDir)) {
    const text = readFileSync(path.join(servicesDir(templatesDir), name), 'utf8');
    versions.set(name.replace(/\.ya?ml$/, ''), `file:${createHash('sha256').update(text).digest('hex').slice(0, 12)}`);
  }
  return {
    get: (id) => templates.get(id),
    version: (id) => versions.get(id) ?? 'file:unknown',
    refresh: async () => { /* files do not change while the bot runs */ },
  };
}

interface Snapshot { version: number; template: ServiceTemplate }

/**
 * Published versions from the template store (admin-edited, reviewed). On first use the files are imported as
 * version 1 of every key that has none yet; a service the store cannot supply falls back to its file. A store
 * entry in the `internal` category is marked internal whatever its content says, so the renderers refuse it.
 */
export function storePublishedTemplates(store: TemplateStore, templatesDir: string, logger: Logger): PublishedTemplates {
  const files = filePublishedTemplates(templatesDir);
  const snapshot = new Map<ServiceId, Snapshot>();
  let seeded: Promise<void> | undefined;
  const seed = async (): Promise<void> => {
    const entries = SERVICE_IDS.flatMap((id) => {
      const t = files.get(id);
      return t ? [{ key: serviceKey(id), category: t.category, content: t as unknown }] : [];
    });
    const { imported } = await store.seedFromFiles(entries);
    if (imported.length > 0) logger.info({ imported }, 'service templates imported into the template store');
  };
  const take = (id: ServiceId, entry: PublishedEntry | undefined): void => {
    if (!entry) { snapshot.delete(id); return; }
    if (snapshot.get(id)?.version === entry.version) return;
    const parsed = ServiceTemplateSchema.safeParse(entry.content);
    if (!parsed.success) {
      logger.error({ templateKey: entry.key, version: entry.version, issues: parsed.error.issues.length }, 'published template does not parse; keeping the previous one');
      return;
    }
    const template = entry.category === 'internal' ? { ...parsed.data, category: 'internal' as const } : parsed.data;
    snapshot.set(id, { version: entry.version, template });
  };
  return {
    get: (id) => snapshot.get(id)?.template ?? files.get(id),
    version: (id) => {
      const s = snapshot.get(id);
      return s ? `store:v${s.version}` : files.version(id);
    },
    refresh: async () => {
      try {
        seeded ??= seed().catch((err: unknown) => { seeded = undefined; throw err; });
        await seeded;
        for (const id of SERVICE_IDS) take(id, await store.publishedEntry(serviceKey(id)));
      } catch (err) {
        // the database is away: answer from the last published texts (or the files) rather than not at all
        logger.warn({ err }, 'template store unavailable; answering from the last known templates');
      }
    },
  };
}
