import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { csvField, toCsv } from '../../../src/admin/export/csv.js';

const catalog = parse(readFileSync('templates/admin.yml', 'utf8')) as Record<string, string>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the console\'s words (templates/admin.yml)', () => {
  it('has every key the admin code asks for', () => {
    const missing: string[] = [];
    for (const file of files('src/admin')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/adminError\(\s*\d+,\s*'([a-z_]+)'(?:,\s*'([a-z_.]+)')?/g)) {
        const key = `error.${m[2] ?? m[1]}`;
        if (!(key in catalog)) missing.push(`${file}: ${key}`);
      }
      for (const m of text.matchAll(/\b(?:t|texts|adminTexts\(\))\.render\(\s*'([a-z_.]+)'/g)) {
        if (!(m[1] as string in catalog)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('speaks Chinese: no message in it is English', () => {
    const english = Object.entries(catalog).filter(([k, v]) => k.startsWith('error.') && /[A-Za-z]{4,}/.test(v.replace(/\{\w+\}|templates\/[a-z.]+|json|text|xlsx|csv|JSON|KB/g, '')));
    expect(english).toEqual([]);
  });
});

describe('CSV for WPS and Excel', () => {
  it('starts with the UTF-8 BOM, ends lines with CRLF and quotes what needs quoting', () => {
    const bytes = toCsv([{ title: '表', columns: [{ header: '编号' }, { header: '摘要' }], rows: [['T1', '他说"不行",\n再说'], ['T2', 3]] }]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1)).toBe('编号,摘要\r\nT1,"他说""不行"",\n再说"\r\nT2,3\r\n');
  });

  it('keeps a formula-looking text from running in a spreadsheet', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-5')).toBe('-5');
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField(null)).toBe('');
  });
});
