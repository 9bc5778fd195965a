import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caseErrorTemplateKeys, loadCaseRules, Router } from '../../../src/cases/index.js';
import { parseRoster } from '../../../src/staff/index.js';

const templates = path.resolve('templates');

describe('case data files', () => {
  it('kinds.yml carries the time limits the seeds set', () => {
    const { kinds, procedures } = loadCaseRules(templates);
    expect(kinds.complaint.limit).toMatchObject({ days: 7, unit: 'calendar' });
    expect(kinds.complaint.limit.days + (kinds.complaint.extension?.days ?? 0)).toBe(15);
    expect(kinds.handoff.limit).toMatchObject({ days: 5, unit: 'working', from: 'assigned' });
    expect(kinds.disclosure).toMatchObject({ limit: { days: 15, unit: 'working' }, extension: { days: 15, times: 1 }, clockStop: true });
    expect(kinds.petition).toMatchObject({ acceptance: { days: 15 }, limit: { days: 60, from: 'accepted' }, extension: { days: 30 } });
    expect(procedures.rejection).toMatchObject({ leaderAnswer: { days: 3 }, limit: { days: 10, unit: 'working' } });
  });

  it('routing.yml names only offices of the example roster', () => {
    const roster = parseRoster(readFileSync(path.join(templates, 'roster.example.yml'), 'utf8'));
    const codes = roster.offices.map((o) => o.code);
    const router = Router.load(templates);
    for (const code of router.officeCodes()) expect(codes).toContain(code);
    expect(router.route({ kind: 'complaint', service: 'dibao', category: '打击报复' })).toBe('jiwei');
    expect(router.route({ kind: 'complaint', service: 'dibao' })).toBe('minzheng');
    expect(router.route({ kind: 'complaint' })).toBe('dangzhengban');
  });

  it('messages.yml has a sentence for every case error', () => {
    const messages = parse(readFileSync(path.join(templates, 'cases', 'messages.yml'), 'utf8')) as Record<string, string>;
    for (const key of caseErrorTemplateKeys()) expect(messages[key], key).toBeTypeOf('string');
  });
});
