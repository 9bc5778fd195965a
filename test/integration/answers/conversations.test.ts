import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, WebVisitor, type TestBot } from '../../helpers/bot.js';
import { conversationTests, readConversationFile, runConversation } from '../../helpers/conversation-runner.js';
import { useTestDatabase } from '../../helpers/db.js';

/** Runs test/conversations/answers/*.yml through the real bot on the web channel (format: test/helpers/conversation-runner.ts). */
describe('answer conversations (data files, web channel)', () => {
  useTestDatabase('answers_conv');
  let bot: TestBot;
  beforeAll(async () => { bot = await startTestBot(); });
  afterAll(async () => { await bot.close(); });

  conversationTests('test/conversations/answers', () => new WebVisitor(bot.url));
});

describe('the conversation file format', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'conv-format-'));
  const read = (name: string, yml: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, yml);
    return readConversationFile(file);
  };

  it('refuses a turn with no check, naming the file and the turn', () => {
    const f = read('lazy.yml', 'name: lazy\nturns:\n  - say: 你好\n    expect: [您好]\n  - say: 低保怎么办\n');
    expect(f.conversation).toBeUndefined();
    expect(f.problem).toContain('lazy.yml');
    expect(f.problem).toContain('turn 2 ("低保怎么办")');
    expect(f.problem).toContain('turn has no check: give it expect, absent or match');
  });

  it('refuses empty check lists, a regex that does not compile, and unknown keys', () => {
    expect(read('empty.yml', 'name: e\nturns:\n  - { say: 你好, expect: [], absent: [] }\n').problem).toContain('turn has no check');
    expect(read('regex.yml', 'name: r\nturns:\n  - { say: 你好, match: "T(" }\n').problem).toContain('not a valid regular expression');
    expect(read('typo.yml', 'name: t\nturns:\n  - { say: 你好, expects: [您好] }\n').problem).toContain('turn 1');
  });

  it('accepts match as one regex or a list, and checks it against the joined reply', async () => {
    const f = read('ok.yml', 'name: ok\nturns:\n  - { say: 编号, match: "T\\\\d{8}-\\\\d{4}" }\n  - { say: 再说, match: [一, 二], absent: [三] }\n');
    expect(f.problem).toBeUndefined();
    const partner = { say: (text: string) => Promise.resolve({ status: 200, replies: text === '编号' ? ['您的编号', 'T20260302-0001'] : ['一', '二'] }) };
    await runConversation(f.conversation!, partner);
    const wrong = { say: () => Promise.resolve({ status: 200, replies: ['没有编号'] }) };
    await expect(runConversation(f.conversation!, wrong)).rejects.toThrow(/turn 1 "编号"/);
  });
});
