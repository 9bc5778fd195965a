import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { ChecklistRecordModel } from '../../../src/answers/checklist-record.model.js';
import { filePublishedTemplates } from '../../../src/answers/published-templates.js';
import { loadServiceTemplates } from '../../../src/answers/service-template.loader.js';
import { createTemplateStore } from '../../../src/answers/template-registry.js';
import { useTestDatabase } from '../../helpers/db.js';
import { startWechatBot, type WechatBot } from './wechat-harness.js';

const phrases = parse(readFileSync('templates/answers.yml', 'utf8')) as Record<string, string>;
const offices = parse(readFileSync('templates/offices.yml', 'utf8')) as Record<string, { name: string }>;
const xinfang = loadServiceTemplates('templates').get('xinfang')!;

/** A copy of the repository's data with 信访 marked internal (never to be sent to villagers, 000 §1-6). */
function rootWithInternalTemplate(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'answers-internal-'));
  for (const d of ['templates', 'intents']) cpSync(d, path.join(root, d), { recursive: true });
  const file = path.join(root, 'templates', 'services', 'xinfang.yml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^category: policy$/m, 'category: internal'));
  return root;
}

describe('published templates: internal ones are refused, a newly published version is answered from', () => {
  useTestDatabase('answers_pub');
  let bot: WechatBot;
  let root: string;
  const logs: { level: number; msg: string; service?: string }[] = [];
  let seq = 6_000_000_000_000_000;
  const msgId = () => String(seq++);

  beforeAll(async () => {
    root = rootWithInternalTemplate();
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { logs.push(JSON.parse(chunk.toString()) as (typeof logs)[number]); done(); } });
    bot = await startWechatBot({ rootDir: root, logger: pino({ level: 'warn' }, sink) });
  });
  afterAll(async () => {
    await bot.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses an internal template for a question and for a checklist, stores no notice, and logs a warning', async () => {
    const refused = phrases.internal_refused!.replace('{office}', offices[xinfang.office]!.name);
    for (const text of ['信访需要什么条件', '想去信访 要准备啥']) {
      const res = await bot.send('o_internal', text, msgId());
      expect(res.reply?.content).toBe(refused);
      expect(bot.overflow.get('o_internal')).toBeUndefined();
    }
    expect(await ChecklistRecordModel.countDocuments({ userId: 'o_internal' })).toBe(0);
    expect(logs.filter((l) => l.msg === 'internal template refused for a villager' && l.service === 'xinfang')).toHaveLength(2);
  });

  it('answers from a version an editor published after start, and records which version a notice used', async () => {
    const store = createTemplateStore(path.join(root, 'templates'), pino({ level: 'silent' }));
    const dibao = loadServiceTemplates('templates').get('dibao')!;
    const changed = { ...dibao, eligibility: ['本镇户籍、家庭人均收入低于低保标准的家庭（新发布的条文）。'] };
    const draft = await store.draft('service:dibao', changed, 'editor1', '条件表述更新');
    await store.publishDirect('service:dibao', draft.version, 'editor1');
    await vi.waitFor(async () => {
      const res = await bot.send('o_pub', '低保需要什么条件', msgId());
      expect(res.reply?.content).toContain('新发布的条文');
    }, { timeout: 10_000, interval: 300 });
    await bot.send('o_pub', '想办低保 要带些啥', msgId());
    const record = await ChecklistRecordModel.findOne({ userId: 'o_pub' }).lean();
    expect(record?.templateVersion).toBe(`store:v${draft.version}`);
    expect(record?.parts.join('\n')).toContain('新发布的条文');
  });

  it('versions file templates by content hash', () => {
    const files = filePublishedTemplates('templates');
    expect(files.version('dibao')).toMatch(/^file:[0-9a-f]{12}$/);
    expect(files.version('dibao')).not.toBe(files.version('wubao'));
    expect(files.get('dibao')?.name).toBe('低保');
  });
});
