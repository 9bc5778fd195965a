import type { Logger } from 'pino';
import { silentLogger } from '../../logger.js';
import { diffContent, type DiffLine } from './diff.js';
import { isDuplicateKey, requireText, withoutId } from './doc-utils.js';
import { TemplateWorkflowError } from './errors.js';
import { bumpGeneration, PublishedCache, type PublishedEntry } from './published-cache.js';
import { PublishClaimModel, TemplateVersionModel, type TemplateCategory, type TemplateVersionDoc, type VersionStatus } from './template.model.js';

/** Checks a template's content; returns the problems (empty when valid). Injected by the composition root. */
export type ContentValidator = (key: string, content: unknown) => string[];

export interface TemplateStoreOptions {
  validate: ContentValidator;
  logger?: Logger;
  /** how often the read path may check the publish generation; default 1000 ms */
  refreshIntervalMs?: number;
}

export interface SeedEntry {
  key: string;
  category: TemplateCategory;
  content: unknown;
}

export type VersionView = TemplateVersionDoc;

export interface TemplateSummary {
  key: string;
  category: TemplateCategory;
  latestVersion: number;
  latestStatus: VersionStatus;
  publishedVersion: number | undefined;
  submitted: number[];
}

const SEED_AUTHOR = 'seed';

/**
 * Template versions in the database and their review workflow (000 §1-4: 谁审核、谁负责).
 * The bot reads only published versions, through an in-memory cache every instance keeps fresh.
 */
export class TemplateStore {
  private readonly validate: ContentValidator;
  private readonly logger: Logger;
  private readonly cache: PublishedCache;

  constructor(options: TemplateStoreOptions) {
    this.validate = options.validate;
    this.logger = options.logger ?? silentLogger;
    this.cache = new PublishedCache(this.logger, options.refreshIntervalMs ?? 1000);
  }

  /** Imports each key that has no versions yet as version 1, published: the file text is the first published text. */
  async seedFromFiles(entries: SeedEntry[]): Promise<{ imported: string[] }> {
    const imported: string[] = [];
    for (const e of entries) {
      if (await TemplateVersionModel.exists({ key: e.key })) continue;
      this.check(e.key, e.content);
      const now = new Date();
      try {
        await TemplateVersionModel.create({
          key: e.key, version: 1, category: e.category, content: e.content, status: 'published',
          author: SEED_AUTHOR, reason: 'imported from templates/', publishedBy: SEED_AUTHOR, publishedAt: now, createdAt: now,
        });
        imported.push(e.key);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // another instance seeded the same key at the same moment: theirs stands
      }
    }
    if (imported.length > 0) await this.publishedChanged();
    return { imported };
  }

  /** Saves a new draft. `category` is needed only for a key that has no versions yet. */
  async draft(key: string, content: unknown, author: string, reason: string, category?: TemplateCategory): Promise<VersionView> {
    requireText(reason, 'a reason is required');
    this.check(key, content);
    const latest = await this.latest(key);
    const cat = latest?.category ?? category;
    if (!cat) throw new TemplateWorkflowError('unknown_key', `template "${key}" does not exist; give a category to create it`);
    if (latest && category && category !== latest.category) {
      throw new TemplateWorkflowError('invalid_state', `the category of "${key}" is fixed (${latest.category})`);
    }
    return this.insertVersion({ key, category: cat, content, status: 'draft', author, reason });
  }

  /** Draft → submitted for review. */
  async submit(key: string, version: number, by: string): Promise<VersionView> {
    return this.transition(key, version, ['draft', 'rejected'], { status: 'submitted', submittedBy: by });
  }

  /** A reviewer other than the author approves; approval publishes at once. */
  async approve(key: string, version: number, reviewer: string, comment = ''): Promise<VersionView> {
    const doc = await this.mustGet(key, version);
    if (doc.author === reviewer) {
      throw new TemplateWorkflowError('same_person', 'the author of a version cannot approve it; another reviewer must');
    }
    return this.publish(doc, ['submitted'], { reviewer, reviewComment: comment, reviewedAt: new Date(), publishedBy: reviewer });
  }

  /** A reviewer other than the author rejects with a comment saying why. */
  async reject(key: string, version: number, reviewer: string, comment: string): Promise<VersionView> {
    requireText(comment, 'a rejection needs a comment');
    const doc = await this.mustGet(key, version);
    if (doc.author === reviewer) throw new TemplateWorkflowError('same_person', 'the author of a version cannot review it');
    return this.transition(key, version, ['submitted'], { status: 'rejected', reviewer, reviewComment: comment, reviewedAt: new Date() });
  }

  /** Policy and law texts (政策法规) may be published by their editor without review (000 §1-6). */
  async publishDirect(key: string, version: number, editor: string): Promise<VersionView> {
    const doc = await this.mustGet(key, version);
    if (doc.category !== 'policy') {
      throw new TemplateWorkflowError('not_policy', `only policy texts may be published without review; "${key}" is ${doc.category}`);
    }
    return this.publish(doc, ['draft', 'submitted'], { publishedBy: editor });
  }

  /** Rolling back = a new draft with an old version's content; it goes through the same review. */
  async rollback(key: string, toVersion: number, by: string, reason: string): Promise<VersionView> {
    requireText(reason, 'a reason is required');
    const old = await this.mustGet(key, toVersion);
    this.check(key, old.content);
    return this.insertVersion({ key, category: old.category, content: old.content, status: 'draft', author: by, reason, rollbackOf: toVersion });
  }

  /** Every version of a key, oldest first: who, when and why. */
  async history(key: string): Promise<VersionView[]> {
    return TemplateVersionModel.find({ key }, { _id: 0 }).sort({ version: 1 }).lean();
  }

  async getVersion(key: string, version: number): Promise<VersionView> {
    return this.mustGet(key, version);
  }

  async diff(key: string, a: number, b: number): Promise<DiffLine[]> {
    const [left, right] = await Promise.all([this.mustGet(key, a), this.mustGet(key, b)]);
    return diffContent(left.content, right.content);
  }

  /** One summary per key, for the admin list. */
  async list(): Promise<TemplateSummary[]> {
    const rows = await TemplateVersionModel.find({}, { key: 1, version: 1, status: 1, category: 1 }).sort({ key: 1, version: 1 }).lean();
    const byKey = new Map<string, TemplateSummary>();
    for (const r of rows) {
      const s = byKey.get(r.key) ?? { key: r.key, category: r.category, latestVersion: 0, latestStatus: r.status, publishedVersion: undefined, submitted: [] };
      s.latestVersion = r.version;
      s.latestStatus = r.status;
      if (r.status === 'published') s.publishedVersion = r.version;
      if (r.status === 'submitted') s.submitted.push(r.version);
      byKey.set(r.key, s);
    }
    return [...byKey.values()];
  }

  /** Versions waiting for a reviewer. */
  async reviewQueue(): Promise<VersionView[]> {
    return TemplateVersionModel.find({ status: 'submitted' }, { _id: 0 }).sort({ createdAt: 1 }).lean();
  }

  /** The published content of a key (any category), from the cache. */
  async published(key: string): Promise<unknown> {
    return (await this.publishedEntry(key))?.content;
  }

  async publishedEntry(key: string): Promise<PublishedEntry | undefined> {
    await this.cache.maybeRefresh();
    return this.cache.get(key);
  }

  /**
   * The published entry as the cache holds it now, without a database round trip (for synchronous
   * readers such as system messages; startAutoRefresh keeps the cache within a second of the database).
   */
  cachedPublished(key: string): PublishedEntry | undefined {
    return this.cache.get(key);
  }

  /** Published content for a villager; internal templates are refused (000 §1-6) and the refusal logged. */
  async getPublishedForVillager(key: string): Promise<unknown> {
    const entry = await this.publishedEntry(key);
    if (entry?.category === 'internal') {
      this.logger.warn({ templateKey: key, version: entry.version }, 'internal template refused for a villager');
      return undefined;
    }
    return entry?.content;
  }

  /** Reloads the cache when any instance published since the last check. */
  refreshIfChanged(): Promise<boolean> {
    return this.cache.refreshIfChanged();
  }

  /** Polls the generation every intervalMs so idle instances stay fresh; returns a stop function. */
  startAutoRefresh(intervalMs = 1000): () => void {
    const timer = setInterval(() => {
      this.cache.refreshIfChanged().catch((err: unknown) => this.logger.error({ err }, 'template refresh failed'));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** The injected validator's verdict, for previews. */
  validateContent(key: string, content: unknown): string[] {
    return this.validate(key, content);
  }

  private check(key: string, content: unknown): void {
    const problems = this.validate(key, content);
    if (problems.length > 0) throw new TemplateWorkflowError('invalid_content', `template "${key}" is not valid`, problems);
  }

  private async latest(key: string): Promise<VersionView | null> {
    return TemplateVersionModel.findOne({ key }, { _id: 0 }).sort({ version: -1 }).lean();
  }

  private async mustGet(key: string, version: number): Promise<VersionView> {
    const doc = await TemplateVersionModel.findOne({ key, version }, { _id: 0 }).lean();
    if (!doc) throw new TemplateWorkflowError('not_found', `no version ${version} of "${key}"`);
    return doc;
  }

  private async insertVersion(fields: Omit<VersionView, 'version' | 'createdAt'>): Promise<VersionView> {
    for (let attempt = 0; ; attempt++) {
      const version = ((await this.latest(fields.key))?.version ?? 0) + 1;
      try {
        const doc = await TemplateVersionModel.create({ ...fields, version, createdAt: new Date() });
        return withoutId(doc.toObject({ versionKey: false })) as VersionView;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
        // two drafts raced for the same number: take the next one
      }
    }
  }

  private async transition(key: string, version: number, from: VersionStatus[], set: Partial<VersionView>): Promise<VersionView> {
    const doc = await TemplateVersionModel.findOneAndUpdate({ key, version, status: { $in: from } }, { $set: set }, { returnDocument: 'after' }).lean();
    if (doc) return withoutId(doc); // FerretDB's findAndModify takes no projection
    const current = await this.mustGet(key, version);
    throw new TemplateWorkflowError('invalid_state', `version ${version} of "${key}" is ${current.status}; expected ${from.join(' or ')}`);
  }

  /**
   * Publishes one version, race-safe on FerretDB: a unique claim `publish:<key>:<version>` lets one caller
   * publish it; then only LOWER published versions are superseded. A version that finds a higher one
   * already published supersedes itself, so of two concurrent publishes the higher stands and the key
   * always has a published version (each step only retires a version below one that is published).
   */
  private async publish(doc: VersionView, from: VersionStatus[], set: Partial<VersionView>): Promise<VersionView> {
    this.check(doc.key, doc.content); // the schema may have moved on since the draft was saved
    const claim = `publish:${doc.key}:${doc.version}`;
    if (!(await this.claimPublish(claim))) {
      throw new TemplateWorkflowError('invalid_state', `version ${doc.version} of "${doc.key}" is being published by someone else`);
    }
    let published: VersionView;
    try {
      published = await this.transition(doc.key, doc.version, from, { ...set, status: 'published', publishedAt: new Date() });
    } catch (err) {
      await PublishClaimModel.collection.deleteOne({ _id: claim as never }); // not published: a later approval may claim it
      throw err;
    }
    await TemplateVersionModel.updateMany({ key: doc.key, status: 'published', version: { $lt: doc.version } }, { $set: { status: 'superseded' } });
    const higher = await TemplateVersionModel.exists({ key: doc.key, status: 'published', version: { $gt: doc.version } });
    if (higher) {
      await TemplateVersionModel.updateOne({ key: doc.key, version: doc.version, status: 'published' }, { $set: { status: 'superseded' } });
      published = { ...published, status: 'superseded' };
    }
    await this.publishedChanged();
    this.logger.info({ templateKey: doc.key, version: doc.version, by: set.publishedBy, superseded: Boolean(higher) }, 'template published');
    return published;
  }

  private async claimPublish(claim: string): Promise<boolean> {
    try {
      await PublishClaimModel.collection.insertOne({ _id: claim as never, at: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  private async publishedChanged(): Promise<void> {
    await bumpGeneration();
    this.cache.invalidate();
  }
}
