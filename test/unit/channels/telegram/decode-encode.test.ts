import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeTelegramUpdate, encodeTelegramReply } from '../../../../src/channels/telegram/index.js';
import type { Update } from '../../../../src/channels/telegram/types.js';
import { textReply } from '../../../../src/core/message.js';
import { FAKE_TELEGRAM_BOT } from '../../../helpers/fake-platform-apis.js';

const update = (name: string) => JSON.parse(readFileSync(new URL(`../../../fixtures/telegram/${name}`, import.meta.url), 'utf8')) as Update;
const decode = (name: string) => decodeTelegramUpdate(update(name), FAKE_TELEGRAM_BOT);

describe('Telegram decode', () => {
  it('a private text message, keyed by chat and message id', () => {
    const m = decode('private-text.json');
    expect(m).toMatchObject({ channel: 'telegram', messageId: '55500001:41', userId: '55500001', kind: 'text', text: '低保怎么申请' });
    expect(m?.groupId).toBeUndefined();
    expect(m?.sentAt.getTime()).toBe(1715000000_000);
  });

  it('a group message that @-mentions the bot, mention stripped', () => {
    expect(decode('group-mention.json')).toMatchObject({ groupId: '-1001234567890', userId: '55500002', text: '补贴发了吗' });
  });

  it('a /command@bot in a group keeps the command without the bot name', () => {
    expect(decode('group-command.json')?.text).toBe('/start');
  });

  it('ignores group chatter that does not address the bot', () => {
    expect(decode('group-chatter.json')).toBeUndefined();
  });

  it('a photo without caption is media', () => {
    expect(decode('private-photo.json')).toMatchObject({ kind: 'media', mediaType: 'image', text: '' });
  });
});

describe('Telegram encode', () => {
  it('one sendMessage text per part, long parts split under the limit', () => {
    expect(encodeTelegramReply(textReply('一', '二'))).toEqual(['一', '二']);
    const long = `${'a'.repeat(30)}\n${'b'.repeat(30)}`;
    const chunks = encodeTelegramReply(textReply(long), 40);
    expect(chunks).toEqual(['a'.repeat(30), 'b'.repeat(30)]);
    expect(encodeTelegramReply(textReply('x'.repeat(100)), 40).map((c) => c.length)).toEqual([40, 40, 20]);
  });
});
