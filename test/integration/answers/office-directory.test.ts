import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SystemMessages } from '../../../src/answers/catalog.js';
import { OFFICE_AND_THANKS_KEYS } from '../../../src/answers/feature.js';
import { loadRenderContext } from '../../../src/answers/answer-phrases.js';
import { buildOfficeDirectory, OfficeDirectoryError } from '../../../src/answers/handlers/office-directory.js';

const ctx = loadRenderContext('templates');

describe('office directory (contact_* phrases of templates/answers.yml)', () => {
  it('has every phrase the contact, suggestion and feedback handlers use', () => {
    const phrases = parse(readFileSync('templates/answers.yml', 'utf8')) as Record<string, unknown>;
    expect(OFFICE_AND_THANKS_KEYS.filter((k) => typeof phrases[k] !== 'string' || !(phrases[k] as string).trim())).toEqual([]);
  });

  it.each([
    ['民政办在哪', 'minzheng'], ['乡政府办公电话多少', 'town_government'], ['劳保站咋走', 'laodong'],
    ['县民政局电话知道不', 'county_minzheng'], ['便民服务大厅在哪个位置', 'bianmin'], ['县便民服务大厅在哪', 'county_service_hall'],
    ['信访接待室在哪', 'zongzhi'], ['党政办电话', 'dangzhengban'], ['镇民政办几点上班', 'minzheng'],
  ])('"%s" names %s', (text, id) => {
    expect(buildOfficeDirectory(ctx).named(text)).toBe(id);
  });

  it('names no office in "电话多少" and knows holiday questions', () => {
    const dir = buildOfficeDirectory(ctx);
    expect(dir.named('电话多少')).toBeUndefined();
    expect(dir.asksAboutHolidays('国庆放假几号上班')).toBe(true);
    expect(dir.asksAboutHolidays('几点上班')).toBe(false);
    expect(dir.generalId).toBe('bianmin');
    expect(dir.listedIds).not.toContain('bianmin');
  });

  it('refuses aliases that point at an office offices.yml does not have', () => {
    const texts = new Map(ctx.phrases.keys().map((k) => [k, ctx.phrases.render(k)] as [string, string]));
    texts.set('contact_office_aliases', 'jiwei: 纪委');
    expect(() => buildOfficeDirectory({ ...ctx, phrases: new SystemMessages(texts) })).toThrow(OfficeDirectoryError);
  });
});
