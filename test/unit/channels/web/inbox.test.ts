import { describe, expect, it } from 'vitest';
import { createWebPushSender, takeUndelivered, WebInboxModel } from '../../../../src/channels/web/index.js';
import { useTestDatabase } from '../../../helpers/db.js';

describe('the web push sender (web_inbox)', () => {
  useTestDatabase('webinbox');

  it('stores each pushed message for the visitor, parts in order, not yet delivered', async () => {
    const sender = createWebPushSender({ now: () => new Date('2026-03-02T02:00:00Z') });
    expect(sender.channel).toBe('web');
    await sender.push('a'.repeat(32), { parts: ['第一段', '', '第二段'] });
    const rows = await WebInboxModel.find({ userId: 'a'.repeat(32) }).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.parts).toEqual(['第一段', '第二段']);
    expect(rows[0]?.createdAt.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(rows[0]?.deliveredAt).toBeUndefined();
  });

  it('stores nothing for an empty reply', async () => {
    await createWebPushSender().push('b'.repeat(32), { parts: [''] });
    expect(await WebInboxModel.countDocuments({ userId: 'b'.repeat(32) })).toBe(0);
  });

  it('hands a visitor their own messages oldest first, once', async () => {
    let t = Date.parse('2026-03-02T02:00:00Z');
    const sender = createWebPushSender({ now: () => new Date((t += 1000)) });
    const me = 'c'.repeat(32);
    await sender.push(me, { parts: ['一'] });
    await sender.push('d'.repeat(32), { parts: ['别人的'] });
    await sender.push(me, { parts: ['二', '三'] });
    const first = await takeUndelivered(me);
    expect(first.map((m) => m.parts)).toEqual([['一'], ['二', '三']]);
    expect(await takeUndelivered(me)).toEqual([]);
    expect((await takeUndelivered('d'.repeat(32))).map((m) => m.parts)).toEqual([['别人的']]);
    expect(await WebInboxModel.countDocuments({ userId: me, deliveredAt: { $exists: true } })).toBe(2);
  });
});
