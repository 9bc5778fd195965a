import { describe, expect, it } from 'vitest';
import { TemplateStore } from '../../../src/answers/store/index.js';
import { TemplateVersionModel } from '../../../src/answers/store/template.model.js';
import { useTestDatabase } from '../../helpers/db.js';
import { validateTest } from './harness.js';

useTestDatabase('tplrace');

const publishedVersions = async (key: string) =>
  (await TemplateVersionModel.find({ key, status: 'published' }).lean()).map((r) => r.version).sort();

/** A key with v1 published (seed) and v2, v3 submitted by alice. */
async function twoSubmitted(store: TemplateStore, key: string): Promise<void> {
  await store.seedFromFiles([{ key, category: 'town', content: { title: 't', text: 'v1' } }]);
  for (const text of ['v2', 'v3']) {
    const v = await store.draft(key, { title: 't', text }, 'alice', `改为 ${text}`);
    await store.submit(key, v.version, 'alice');
  }
}

describe('concurrent publishes of one template key', () => {
  it('approving v2 and v3 at once leaves exactly one published, v3, and the key is never without one', async () => {
    const stores = [new TemplateStore({ validate: validateTest }), new TemplateStore({ validate: validateTest })];
    for (let round = 0; round < 5; round++) {
      const key = `town:race${round}`;
      await twoSubmitted(stores[0]!, key);
      const seen: number[][] = [];
      let racing = true;
      const watch = (async () => {
        while (racing) seen.push(await publishedVersions(key));
      })();
      const order = round % 2 === 0 ? [2, 3] : [3, 2];
      await Promise.all(order.map((version, i) => stores[i]!.approve(key, version, i === 0 ? 'bob' : 'carol', 'ok')));
      racing = false;
      await watch;
      seen.push(await publishedVersions(key));
      expect(seen.filter((v) => v.length === 0)).toEqual([]);
      expect(await publishedVersions(key)).toEqual([3]);
      const statuses = (await stores[1]!.history(key)).map((v) => [v.version, v.status]);
      expect(statuses).toEqual([[1, 'superseded'], [2, 'superseded'], [3, 'published']]);
      await stores[0]!.refreshIfChanged();
      expect(await stores[0]!.published(key)).toEqual({ title: 't', text: 'v3' });
    }
  });

  it('two reviewers approving the same version at once: one publishes it, the other is told it is taken', async () => {
    const store = new TemplateStore({ validate: validateTest });
    const key = 'town:samever';
    await twoSubmitted(store, key);
    const results = await Promise.allSettled([store.approve(key, 3, 'bob'), store.approve(key, 3, 'carol')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'invalid_state' } });
    expect(await publishedVersions(key)).toEqual([3]);
    // v2, approved after v3, never becomes the published text
    await store.approve(key, 2, 'bob');
    expect(await publishedVersions(key)).toEqual([3]);
    expect(await store.published(key)).toEqual({ title: 't', text: 'v3' });
  });
});
