import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaseService, type CreateCaseInput } from '../../../src/cases/index.js';
import { loadRosterFile } from '../../../src/staff/index.js';
import { fixtureCalendar } from '../calendar/holiday-fixture.js';

export const ROSTER = `
offices:
  - { code: dangzhengban, name: 党政办, leader: P0 }
  - { code: minzheng, name: 民政办, leader: C0 }
  - { code: laodong, name: 劳动保障站, leader: L0 }
  - { code: jiwei, name: 纪委, leader: D0 }
  - { code: zongzhi, name: 综治办, leader: S0 }
  - { code: bianmin, name: 便民服务中心, leader: V0 }
staff:
  - { staffId: P0, name: 刘党政, office: dangzhengban, roles: [staff, leader], onDuty: false }
  - { staffId: P1, name: 何文书, office: dangzhengban }
  - { staffId: C0, name: 王民政, office: minzheng, roles: [staff, leader], onDuty: false }
  - { staffId: C1, name: 赵小六, office: minzheng }
  - { staffId: C2, name: 孙小八, office: minzheng }
  - { staffId: L0, name: 钱站长, office: laodong, roles: [leader], onDuty: false }
  - { staffId: L1, name: 李劳保, office: laodong }
  - { staffId: D0, name: 周书记, office: jiwei, roles: [leader, discipline], onDuty: false }
  - { staffId: D1, name: 吴纪检, office: jiwei, roles: [staff, discipline] }
  - { staffId: S0, name: 郑综治, office: zongzhi, roles: [staff, leader], onDuty: false }
  - { staffId: S1, name: 冯信访, office: zongzhi }
  - { staffId: V0, name: 陈中心, office: bianmin, roles: [staff, leader], onDuty: false }
  - { staffId: V1, name: 褚窗口, office: bianmin }
`;

export async function seedRoster(): Promise<void> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cases-roster-')), 'roster.yml');
  writeFileSync(file, ROSTER);
  await loadRosterFile(file);
}

/** A service on a clock the test moves, on the 2026-only fixture calendar (2027 is uncovered). */
export function serviceWithClock(start: string): { svc: CaseService; setNow: (s: string) => void; now: () => Date } {
  let now = new Date(`${start}+08:00`);
  const svc = CaseService.load(fixtureCalendar(), path.resolve('templates'), () => now);
  return { svc, setNow: (s) => { now = new Date(`${s}+08:00`); }, now: () => now };
}

let seq = 0;
export function complaint(over: Partial<CreateCaseInput> = {}): CreateCaseInput {
  seq++;
  return {
    kind: 'complaint',
    service: 'dibao',
    summary: '低保申请三个月没有回音',
    details: { what: '低保申请三个月没有回音', village: '东村', wants: '尽快答复' },
    complainant: { channel: 'web', userId: `u${seq}`, name: '李大明', phone: '13812345678', anonymous: false },
    ...over,
  };
}
