import { afterAll, beforeAll, describe } from 'vitest';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, WebVisitor, type TestBot } from '../../helpers/bot.js';
import { startChannelDriver, type ChannelDriver } from '../../helpers/channel-drivers.js';
import { conversationTests } from '../../helpers/conversation-runner.js';
import { useTestDatabase } from '../../helpers/db.js';

/** test/conversations/dialogue/*.yml (issue 11) through the web chat and through the real /wechat endpoint. */
const DIR = 'test/conversations/dialogue';

describe('dialogue conversations (data files, web channel)', () => {
  useTestDatabase('dialogue_web');
  let bot: TestBot;
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    bot = await startTestBot();
  });
  afterAll(async () => { await bot.close(); });

  conversationTests(DIR, () => new WebVisitor(bot.url));
});

describe('dialogue conversations (data files, /wechat with the customer-service API faked)', () => {
  useTestDatabase('dialogue_wechat');
  let driver: ChannelDriver;
  let users = 0;
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    driver = await startChannelDriver('wechat');
  });
  afterAll(async () => { await driver.close(); });

  conversationTests(DIR, () => {
    const user = `o_dialogue_${(users += 1)}`;
    return { say: async (text: string) => ({ status: 200, replies: await driver.say(user, text) }) };
  });
});
