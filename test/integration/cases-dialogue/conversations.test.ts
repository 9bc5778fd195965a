import { afterAll, beforeAll, describe } from 'vitest';
import { loadRosterFile } from '../../../src/staff/index.js';
import { startTestBot, WebVisitor, type TestBot } from '../../helpers/bot.js';
import { conversationTests } from '../../helpers/conversation-runner.js';
import { useTestDatabase } from '../../helpers/db.js';

/** Runs test/conversations/cases/*.yml through the real bot on the web channel, with the example roster loaded. */
describe('case conversations (data files, web channel)', () => {
  useTestDatabase('cases_conv');
  let bot: TestBot;
  beforeAll(async () => {
    await loadRosterFile('templates/roster.example.yml');
    bot = await startTestBot();
  });
  afterAll(async () => { await bot.close(); });

  conversationTests('test/conversations/cases', () => new WebVisitor(bot.url));
});
