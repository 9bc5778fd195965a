import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/cases/index.js';
import { findStaff, loadRosterFile } from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';
import { ROOT, MockStaffRoom, testContext } from './harness.js';

const HANDLES = ['王五', '赵六', '孙八'];
const REFUSED = '名册中没有您的昵称';
const ZHOU_ID = 'wxid_zhoujiu_real';

/** The example roster, with 周九's contact id written in by the admin. */
function rosterWithPinnedZhou(): string {
  const text = readFileSync(path.join(ROOT, 'templates', 'roster.example.yml'), 'utf8')
    .replace('chatHandle: 周九,', `chatHandle: 周九, chatId: ${ZHOU_ID},`);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'roster-')), 'roster.yml');
  writeFileSync(file, text);
  return file;
}

describe('the staff room knows members by contact id, not by the nickname they show', () => {
  useTestDatabase('staffroom_identity');
  const t = testContext();
  const room = new MockStaffRoom(HANDLES);
  // a group member who renamed themselves after the 民政办 leader, and one after the 纪委 leader
  room.addMember('impostor-wang', '王五');
  room.addMember('impostor-zhou', '周九');
  room.addMember('周九', '周书记', ZHOU_ID);

  beforeAll(async () => {
    await loadRosterFile(rosterWithPinnedZhou());
    await room.start(t.ctx, t.now);
  });
  afterAll(async () => room.stop());

  let seq = 0;

  async function caseWithExtensionAsked(): Promise<CaseRecord> {
    const c = await t.ctx.cases.createCase({
      kind: 'complaint', service: 'dibao', summary: '低保申请三个月没有回音',
      details: { what: '低保', village: '东村' },
      complainant: { channel: 'web', userId: `villager-${++seq}`, name: '李大明', anonymous: false },
    });
    t.ctx.caseEvents.emit('created', c);
    await room.waitForPost((p) => p.includes(c.number) && p.includes('【新案件】'));
    await room.say('赵六', `接单 ${c.number}`);
    expect(await room.say('赵六', `延期 ${c.number} 5天 需入户核查`)).toContain('请 王五');
    return c;
  }

  it("after the leader's first command pins the account, an impostor with the leader's nickname cannot 批准", async () => {
    const c = await caseWithExtensionAsked();
    expect(await room.say('王五', '值班')).toContain('今日值班');
    expect((await findStaff('s03'))?.chatId).toBe(room.members.get('王五')?.id);

    expect(await room.say('impostor-wang', `批准 ${c.number}`)).toContain(REFUSED);
    expect((await t.ctx.cases.find(c.number)).deadline.due).toEqual(c.deadline.due);
    expect((await findStaff('s03'))?.chatId).toBe(room.members.get('王五')?.id);

    expect(await room.say('王五', `批准 ${c.number}`)).toContain('延期已批准');
  });

  it('a member whose nickname changed is still recognised by the pinned id', async () => {
    const c = await caseWithExtensionAsked(); // 赵六's 接单 pinned the account
    await room.rename('赵六', '小赵');
    expect(await room.say('赵六', `办结 ${c.number} 已入户核查并答复`)).not.toContain(REFUSED);
    expect((await t.ctx.cases.find(c.number)).status).not.toBe(c.status);
    expect(t.updates.at(-1)).toMatchObject({ actor: 's04', record: { number: c.number } });
    // the bot does see the new nickname: an unpinned member who renames away from the roster handle is unknown
    await room.rename('孙八', '小孙');
    expect(await room.say('孙八', '值班')).toContain(REFUSED);
  });

  it('an id written in the roster file is trusted from the start: the real member under any nickname, no impostor', async () => {
    expect(await room.say('impostor-zhou', '值班')).toContain(REFUSED);
    expect(await room.say('周九', '值班')).toContain('今日值班');
    expect((await findStaff('s07'))?.chatId).toBe(ZHOU_ID);
  });

  it('nobody else becomes a member by copying a nickname the room has not seen: a pin is never replaced', async () => {
    expect(await room.say('impostor-wang', '值班')).toContain(REFUSED);
    expect((await findStaff('s03'))?.chatId).toBe(room.members.get('王五')?.id);
  });
});
