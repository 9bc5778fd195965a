import type { Logger } from 'pino';
import { TemplateMetaModel, TemplateVersionModel, type TemplateCategory } from './template.model.js';

export interface PublishedEntry {
  key: string;
  version: number;
  category: TemplateCategory;
  content: unknown;
  publishedAt: Date | undefined;
}

const META_ID = 'templates';

/** Raises the publish generation so every instance reloads its cache within ~1 s. */
export async function bumpGeneration(): Promise<number> {
  const row = await TemplateMetaModel.findOneAndUpdate(
    { _id: META_ID },
    { $inc: { generation: 1 } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return row?.generation ?? 0;
}

async function readGeneration(): Promise<number> {
  const row = await TemplateMetaModel.findOne({ _id: META_ID }).lean();
  return row?.generation ?? 0;
}

/**
 * In-memory copy of every published version. A cheap findOne on the generation counter
 * tells whether another instance published something; only then is the cache reloaded.
 */
export class PublishedCache {
  private entries = new Map<string, PublishedEntry>();
  private generation = -1;
  private lastCheck = 0;
  private pending: Promise<boolean> | undefined;
  private loaded = false;

  constructor(
    private readonly logger: Logger,
    private readonly minIntervalMs = 1000,
  ) {}

  get(key: string): PublishedEntry | undefined {
    return this.entries.get(key);
  }

  all(): PublishedEntry[] {
    return [...this.entries.values()];
  }

  /** Marks the cache stale so the next refresh reloads (used right after a local publish). */
  invalidate(): void {
    this.generation = -1;
    this.lastCheck = 0;
  }

  /**
   * Refreshes when at least minIntervalMs passed since the last check. Once loaded, a failed check
   * (database briefly away) is logged and the last published texts keep being served.
   */
  async maybeRefresh(): Promise<void> {
    if (this.generation >= 0 && Date.now() - this.lastCheck < this.minIntervalMs) return;
    try {
      await this.refreshIfChanged();
    } catch (err) {
      if (!this.loaded) throw err;
      this.logger.warn({ err }, 'template refresh failed; serving the cached published versions');
    }
  }

  /** Checks the generation counter; reloads everything published when it moved. Returns whether it reloaded. */
  refreshIfChanged(): Promise<boolean> {
    this.pending ??= this.check().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async check(): Promise<boolean> {
    this.lastCheck = Date.now();
    const generation = await readGeneration();
    if (generation === this.generation) return false;
    // read the counter first, then the rows: a publish in between is caught by the next check
    await this.reload();
    this.generation = generation;
    return true;
  }

  private async reload(): Promise<void> {
    const rows = await TemplateVersionModel.find({ status: 'published' }).sort({ version: 1 }).lean();
    const next = new Map<string, PublishedEntry>();
    for (const r of rows) {
      next.set(r.key, {
        key: r.key,
        version: r.version,
        category: r.category,
        content: r.content,
        publishedAt: r.publishedAt ?? undefined,
      });
    }
    this.entries = next;
    this.loaded = true;
    this.logger.debug({ templates: next.size }, 'published templates reloaded');
  }
}
