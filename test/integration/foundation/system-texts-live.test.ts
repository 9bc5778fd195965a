import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTemplateStore, systemKey } from '../../../src/answers/template-registry.js';
import { silentLogger } from '../../../src/logger.js';
import { startTestBot, WebVisitor, type TestBot } from '../../helpers/bot.js';
import { useTestDatabase } from '../../helpers/db.js';

describe('system messages edited in the admin page', () => {
  useTestDatabase('systemtexts');
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot(); });
  afterAll(async () => { await bot.close(); });

  it('reach villagers once a reviewer approved them, and not before', async () => {
    const newHelp = '新版帮助菜单：问政策、要清单、反映问题，回复“人工”找工作人员。';
    // another instance of the bot (or the admin page) edits the help text
    const store = createTemplateStore('templates', silentLogger);
    const draft = await store.draft(systemKey('help'), newHelp, 'editor1', '菜单改短');
    await store.submit(systemKey('help'), draft.version, 'editor1');
    const villager = new WebVisitor(bot.url);
    await new Promise((r) => setTimeout(r, 1500)); // a refresh cycle passes: a submitted draft must not show
    expect((await villager.say('帮助')).replies[0]).not.toBe(newHelp);

    await store.approve(systemKey('help'), draft.version, 'reviewer1', '同意');
    await vi.waitFor(async () => expect((await villager.say('帮助')).replies[0]).toBe(newHelp), { timeout: 5000, interval: 300 });
  });
});
