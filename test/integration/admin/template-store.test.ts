import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { TemplateStore, TemplateWorkflowError } from '../../../src/answers/store/index.js';
import { TemplateVersionModel } from '../../../src/answers/store/template.model.js';
import { useTestDatabase } from '../../helpers/db.js';
import { validateTest } from './harness.js';

useTestDatabase('tplstore');

function captureLogger(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) });
  return { logger, lines };
}

const seeds = [
  { key: 'system:greeting', category: 'town' as const, content: { title: '问候', text: '您好' } },
  { key: 'internal:script', category: 'internal' as const, content: { title: '口径', text: '内部口径' } },
];

describe('TemplateStore', () => {
  it('seeds version 1 as published once; a second seed changes nothing', async () => {
    const store = new TemplateStore({ validate: validateTest });
    expect((await store.seedFromFiles(seeds)).imported).toEqual(['system:greeting', 'internal:script']);
    await store.draft('system:greeting', { title: '问候', text: '您好呀' }, 'alice', '更亲切');
    expect((await store.seedFromFiles([{ ...seeds[0]!, content: { title: 'x', text: 'changed file' } }])).imported).toEqual([]);
    expect(await store.published('system:greeting')).toEqual({ title: '问候', text: '您好' });
    expect((await store.history('system:greeting')).map((v) => [v.version, v.status, v.author])).toEqual([[1, 'published', 'seed'], [2, 'draft', 'alice']]);
  });

  it('refuses invalid seed content', async () => {
    const store = new TemplateStore({ validate: validateTest });
    await expect(store.seedFromFiles([{ key: 'bad', category: 'town', content: 'plain' }])).rejects.toMatchObject({ code: 'invalid_content' });
  });

  it('never returns an internal template for a villager, and logs the refusal', async () => {
    const { logger, lines } = captureLogger();
    const store = new TemplateStore({ validate: validateTest, logger });
    expect(await store.getPublishedForVillager('internal:script')).toBeUndefined();
    expect(lines.find((l) => l.level === 40)).toMatchObject({ templateKey: 'internal:script', msg: 'internal template refused for a villager' });
    expect(await store.getPublishedForVillager('system:greeting')).toEqual({ title: '问候', text: '您好' });
    expect(await store.published('internal:script')).toEqual({ title: '口径', text: '内部口径' }); // staff-side reads still work
  });

  it('a publish on one instance is seen by another after refreshIfChanged, without restart', async () => {
    const a = new TemplateStore({ validate: validateTest });
    const b = new TemplateStore({ validate: validateTest, refreshIntervalMs: 60_000 });
    expect(await b.published('system:greeting')).toEqual({ title: '问候', text: '您好' }); // b has loaded its cache
    expect(await b.refreshIfChanged()).toBe(false); // nothing changed: only the cheap counter read
    const d = await a.draft('system:greeting', { title: '问候', text: '新的问候' }, 'alice', '改问候');
    await a.submit('system:greeting', d.version, 'alice');
    await a.approve('system:greeting', d.version, 'bob', '可以');
    expect(await a.published('system:greeting')).toEqual({ title: '问候', text: '新的问候' });
    expect(await b.published('system:greeting')).toEqual({ title: '问候', text: '您好' }); // within its interval: cached
    expect(await b.refreshIfChanged()).toBe(true);
    expect(await b.published('system:greeting')).toEqual({ title: '问候', text: '新的问候' });
  });

  it('enforces the workflow states and the four-eyes rule', async () => {
    const store = new TemplateStore({ validate: validateTest });
    const d = await store.draft('system:greeting', { title: '问候', text: 'x' }, 'alice', 'r');
    await expect(store.approve('system:greeting', d.version, 'bob')).rejects.toMatchObject({ code: 'invalid_state' });
    await store.submit('system:greeting', d.version, 'alice');
    await expect(store.approve('system:greeting', d.version, 'alice')).rejects.toBeInstanceOf(TemplateWorkflowError);
    await expect(store.reject('system:greeting', d.version, 'alice', 'no')).rejects.toMatchObject({ code: 'same_person' });
    await expect(store.publishDirect('system:greeting', d.version, 'alice')).rejects.toMatchObject({ code: 'not_policy' });
    await expect(store.draft('new:key', { title: 'a', text: 'b' }, 'alice', 'r')).rejects.toMatchObject({ code: 'unknown_key' });
    const created = await store.draft('new:key', { title: 'a', text: 'b' }, 'alice', 'r', 'policy');
    expect(created).toMatchObject({ version: 1, category: 'policy', status: 'draft' });
    await store.publishDirect('new:key', 1, 'alice');
    expect(await store.published('new:key')).toEqual({ title: 'a', text: 'b' });
    expect(await TemplateVersionModel.countDocuments({ status: 'published', key: 'system:greeting' })).toBe(1);
  });
});
