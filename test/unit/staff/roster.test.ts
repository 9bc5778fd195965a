import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findStaff, findStaffByChatHandle, findStaffByChatId, loadRosterFile, onDutyMember, parseRoster, pinChatId, RosterFileError, Staff,
} from '../../../src/staff/index.js';
import { useTestDatabase } from '../../helpers/db.js';

const ROSTER = `
offices:
  - { code: civil, name: 民政办, leader: L1 }
  - { code: labour, name: 劳动保障站, leader: L2 }
staff:
  - { staffId: L1, name: 王主任, office: civil, roles: [staff, leader], onDuty: false, chatHandle: wang }
  - { staffId: A1, name: 赵六, office: civil, chatHandle: zhao,
      leave: { from: "2026-03-02T00:00:00+08:00", to: "2026-03-06T23:59:59+08:00", substitute: B1 } }
  - { staffId: A2, name: 孙八, office: civil, onDuty: false }
  - { staffId: B1, name: 钱七, office: labour, chatHandle: qian }
  - { staffId: L2, name: 周站长, office: labour, roles: [leader], onDuty: false,
      leave: { from: "2026-03-01T00:00:00+08:00", to: "2026-03-31T00:00:00+08:00", substitute: B1 } }
`;

function writeTemp(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'roster-')), 'roster.yml');
  writeFileSync(file, text);
  return file;
}

describe('roster', () => {
  useTestDatabase('staff');
  const during = new Date('2026-03-04T10:00:00+08:00');
  const after = new Date('2026-03-09T10:00:00+08:00');

  it('loads a roster file and finds members by chat handle', async () => {
    expect(await loadRosterFile(writeTemp(ROSTER))).toEqual({ offices: 2, staff: 5, example: false });
    expect((await findStaffByChatHandle('qian'))?.staffId).toBe('B1');
  });

  it('gives work to the on-duty member, and to the substitute while that member is on leave (同岗替代)', async () => {
    expect((await onDutyMember('civil', after))?.staffId).toBe('A1');
    expect((await onDutyMember('civil', during))?.staffId).toBe('B1');
  });

  it('never returns an excluded member; falls back to the office leader', async () => {
    expect((await onDutyMember('civil', after, { exclude: ['A1'] }))?.staffId).toBe('L1');
    expect(await onDutyMember('civil', after, { exclude: ['A1', 'L1'] })).toBeNull();
  });

  it("uses the leader's substitute when the leader is away and nobody else is on duty", async () => {
    await Staff.updateOne({ staffId: 'B1' }, { $set: { onDuty: false } });
    expect((await onDutyMember('labour', during))?.staffId).toBe('B1');
    expect(await onDutyMember('labour', during, { exclude: ['B1'] })).toBeNull();
  });

  it('reloading the file updates people in place and clears a finished leave', async () => {
    await loadRosterFile(writeTemp(ROSTER.replace(/leave: \{ from: "2026-03-02[^}]*\} /, '')));
    expect(await Staff.countDocuments()).toBe(5);
    expect((await onDutyMember('civil', during))?.staffId).toBe('A1');
  });

  it('seeds the shipped example roster, marked as an example', async () => {
    const res = await loadRosterFile(path.resolve('templates/roster.example.yml'));
    expect(res).toMatchObject({ offices: 6, example: true });
    expect((await onDutyMember('jiwei', after))?.name).toBe('吴十');
  });

  it('reads a chat contact id from the file; a re-import without one keeps the pin, an empty one clears it', async () => {
    const withId = ROSTER.replace('chatHandle: qian }', 'chatHandle: qian, chatId: wxid_qian_7 }');
    expect(parseRoster(withId).staff.find((s) => s.staffId === 'B1')?.chatId).toBe('wxid_qian_7');
    await loadRosterFile(writeTemp(withId));
    expect((await findStaffByChatId('wxid_qian_7'))?.staffId).toBe('B1');
    expect(await findStaffByChatId('')).toBeNull();
    await loadRosterFile(writeTemp(ROSTER));
    expect((await findStaff('B1'))?.chatId).toBe('wxid_qian_7');
    await loadRosterFile(writeTemp(ROSTER.replace('chatHandle: qian }', 'chatHandle: qian, chatId: "" }')));
    expect(await findStaffByChatId('wxid_qian_7')).toBeNull();
  });

  it('pins a chat id once (trust on first use) and never replaces it', async () => {
    expect(await pinChatId('A1', 'wxid_zhao')).toBe(true);
    expect(await pinChatId('A1', 'wxid_someone_else')).toBe(false);
    expect(await pinChatId('A2', '')).toBe(false);
    expect((await findStaff('A1'))?.chatId).toBe('wxid_zhao');
  });

  it('rejects two members with the same chat id', () => {
    const dup = ROSTER.replace('chatHandle: qian }', 'chatHandle: qian, chatId: x1 }').replace('chatHandle: wang }', 'chatHandle: wang, chatId: x1 }');
    expect(() => parseRoster(dup)).toThrow(/duplicate chatId/);
  });

  it('rejects a roster that names an unknown office or substitute', () => {
    expect(() => parseRoster(ROSTER.replace('office: labour, chatHandle', 'office: nowhere, chatHandle'))).toThrow(RosterFileError);
    expect(() => parseRoster(ROSTER.replace('substitute: B1 } }\n  - { staffId: A2', 'substitute: ZZ } }\n  - { staffId: A2'))).toThrow(/unknown substitute ZZ/);
  });
});
