import { afterAll, beforeAll, it } from 'vitest';
import { startTestBot, WebVisitor, type TestBot } from './helpers/bot.js';
import { useTestDatabase } from './helpers/db.js';
useTestDatabase('talk');
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({}); });
afterAll(async () => { await bot.close(); });
it('talks', async () => {
  const convs = (process.env.TALK ?? '').split('||');
  for (const conv of convs) {
    const v = new WebVisitor(bot.url);
    for (const t of conv.split('|')) { const r = await v.say(t); console.log(`村民: ${t}\n机器人: ${r.replies.join('\n⏎ ')}\n`); }
    console.log('======');
  }
}, 120000);
