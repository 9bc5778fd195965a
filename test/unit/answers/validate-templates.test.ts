import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadServiceTemplates, TemplateDataError, validateTemplates, checkServiceContent,
} from '../../../src/answers/service-template.loader.js';
import { SERVICE_IDS } from '../../../src/answers/service-template.schema.js';

const dirs: string[] = [];
function brokenCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'templates-'));
  dirs.push(dir);
  cpSync('templates', dir, { recursive: true });
  edit(dir);
  return dir;
}
const service = (dir: string, id: string) => path.join(dir, 'services', `${id}.yml`);
const rewrite = (file: string, from: string | RegExp, to: string) => {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(file, after);
};

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('validateTemplates', () => {
  it('passes on the shipped data, which has every service', () => {
    expect(validateTemplates('templates')).toEqual([]);
    expect([...loadServiceTemplates('templates').keys()].sort()).toEqual([...SERVICE_IDS].sort());
  });

  it.each([
    ['a YAML syntax error', (d: string) => writeFileSync(service(d, 'dibao'), 'id: dibao\nname: [unclosed\n'), /dibao\.yml/],
    ['a schema error', (d: string) => rewrite(service(d, 'wubao'), 'category: policy', 'category: secret'), /wubao\.yml: category/],
    ['a duplicate service id', (d: string) => rewrite(service(d, 'youfu'), 'id: youfu', 'id: wubao'), /duplicate service id "wubao"|file name must be wubao\.yml/],
    ['a duplicate material id', (d: string) => rewrite(service(d, 'dabing'), 'id: hukou', 'id: id_card'), /duplicate material id "id_card"/],
    ['an alias shared by two materials', (d: string) => rewrite(service(d, 'shiye'), 'aliases: [毕业证,', 'aliases: [身份证, 毕业证,'), /alias "身份证"/],
    ['an unknown office', (d: string) => rewrite(service(d, 'jiuzai'), 'office: minzheng', 'office: nowhere'), /unknown office "nowhere"/],
    ['an undefined placeholder', (d: string) => rewrite(service(d, 'dibao'), '最低生活保障标准：{standard_amount}', '标准：{made_up}'), /\{made_up\} is not defined/],
    ['a marker written straight into text', (d: string) => rewrite(service(d, 'canji'), /^summary: .*$/m, 'summary: 【待管理员填写：简介】'), /pending marker is written in the text/],
    ['a missing phrase', (d: string) => rewrite(path.join(d, 'answers.yml'), /^missing_header:/m, 'missing_headr:'), /missing phrase "missing_header"/],
    ['a broken offices file', (d: string) => rewrite(path.join(d, 'offices.yml'), 'level: county', 'level: planet'), /offices\.yml/],
  ])('catches %s', (_name, edit, expected) => {
    const problems = validateTemplates(brokenCopy(edit));
    expect(problems.join('\n')).toMatch(expected);
  });

  it('loadServiceTemplates throws with the problem list on broken data', () => {
    const dir = brokenCopy((d) => writeFileSync(service(d, 'xinfang'), 'id: xinfang\n'));
    expect(() => loadServiceTemplates(dir)).toThrow(TemplateDataError);
  });

  it('checkServiceContent checks one edited template before it is stored', () => {
    const dibao = loadServiceTemplates('templates').get('dibao')!;
    const offices = new Set(['minzheng', 'village', 'county_minzheng']);
    expect(checkServiceContent(dibao, offices)).toEqual([]);
    expect(checkServiceContent({ ...dibao, office: 'x' }, offices).join()).toMatch(/unknown office "x"/);
    expect(checkServiceContent({ ...dibao, procedure: [] }, offices).join()).toMatch(/procedure/);
  });
});
