import mongoose from 'mongoose';
import { CaseModel } from '../../../src/cases/index.js';
import { SatisfactionModel } from '../../../src/dialogue/flows/satisfaction.model.js';
import { InterviewModel } from '../../../src/interviews/interview.model.js';
import { UNANSWERED_COLLECTION } from '../../../src/reports/index.js';
import { addTurn, beijing } from '../reports/fixtures.js';

export interface SeedCase {
  number: string;
  kind: string;
  service?: string;
  office: string;
  firstResponder: string;
  village?: string;
  status: string;
  created: string;
  due: string;
  closed?: string;
  extended?: boolean;
  summary?: string;
  name?: string;
  phone?: string;
}

export async function addConsoleCase(c: SeedCase): Promise<void> {
  const createdAt = beijing(c.created);
  const doc = new CaseModel({
    number: c.number, kind: c.kind, service: c.service, summary: c.summary ?? '（测试）反映事项', details: { village: c.village, what: '事项经过' },
    complainant: { channel: 'wechat', userId: `v-${c.number}`, name: c.name ?? '王某某', phone: c.phone ?? '13900001111', anonymous: false },
    officeCode: c.office, firstResponderId: c.firstResponder, holderId: c.firstResponder, status: c.status,
    deadline: { due: beijing(`${c.due} 23:59`), covered: true },
    history: [{ at: createdAt, actor: 'villager', action: 'create' }], replies: [],
    extensions: c.extended ? [{ days: 5, reason: '需要核查', requestedBy: c.firstResponder, requestedAt: createdAt, decision: 'approved', decidedBy: 's03', decidedAt: createdAt }] : [],
    reminders: { remindAt: createdAt }, alerts: [], closedAt: c.closed ? beijing(c.closed) : null, createdAt, updatedAt: createdAt,
  });
  await doc.save({ timestamps: false });
}

/**
 * December 2026 (and some of November, October and January around it):
 * 4 villager messages in December (+1 follow event), 2 in November; 3 logged unanswered questions;
 * cases A (on time), B (late), C (open, overdue, extended) opened in December, D (November, still overdue),
 * E (January); 回访 A satisfied, B unsatisfied then partly; one 约谈 held.
 */
export async function seedDecember(): Promise<void> {
  await addTurn({ userId: 'u1', text: '低保怎么申请', at: '2026-12-01 09:00', intent: 'policy_query', service: 'dibao' });
  await addTurn({ userId: 'u1', text: '低保要什么材料', at: '2026-12-01 10:00', intent: 'checklist', service: 'dibao' });
  await addTurn({ channel: 'web', userId: 'u2', text: '宅基地怎么批', at: '2026-12-02 11:00', route: 'fallback' });
  await addTurn({ channel: 'web', userId: 'u3', text: '那个事', at: '2026-12-31 23:30', intent: 'policy_query', route: 'clarify' });
  await addTurn({ userId: 'u4', text: '', at: '2026-12-15 08:00', kind: 'event', route: 'greeting' });
  await addTurn({ userId: 'u5', text: '五保', at: '2026-11-30 23:59', intent: 'policy_query', service: 'wubao' });
  await addTurn({ userId: 'u6', text: '五保', at: '2026-11-01 00:00', intent: 'policy_query', service: 'wubao' });
  await addTurn({ userId: 'u7', text: '十月', at: '2026-10-31 23:59', intent: 'policy_query', service: 'wubao' });

  const unanswered = mongoose.connection.collection(UNANSWERED_COLLECTION);
  await unanswered.insertMany([
    { at: beijing('2026-12-02 11:00'), channel: 'web', textMasked: '宅基地怎么批', reason: 'no_template' },
    { at: beijing('2026-12-03 09:00'), channel: 'wechat', textMasked: '宅基地  怎么批', reason: 'no_template' },
    { at: beijing('2026-12-05 09:00'), channel: 'wechat', service: 'canji', intent: 'checklist', textMasked: '残疾证补办', reason: 'fallback' },
    { at: beijing('2026-11-30 09:00'), channel: 'wechat', textMasked: '十一月的问题', reason: 'fallback' },
  ]);

  await addConsoleCase({ number: 'T20261201-0001', kind: 'complaint', service: 'dibao', office: 'minzheng', firstResponder: 's04', village: '东村', status: 'closed', created: '2026-12-01 09:30', due: '2026-12-08', closed: '2026-12-05 15:00', name: '李大明', phone: '13812345678', summary: '低保评议不公开, 要求"复查"' });
  await addConsoleCase({ number: 'T20261202-0001', kind: 'complaint', service: 'dibao', office: 'minzheng', firstResponder: 's04', village: '东村', status: 'closed', created: '2026-12-02 10:00', due: '2026-12-09', closed: '2026-12-12 10:00' });
  await addConsoleCase({ number: 'T20261210-0001', kind: 'handoff', service: 'shiye', office: 'laodong', firstResponder: 's06', village: '西村', status: 'taken', created: '2026-12-10 10:00', due: '2026-12-20', extended: true });
  await addConsoleCase({ number: 'T20261115-0001', kind: 'complaint', office: 'minzheng', firstResponder: 's03', status: 'taken', created: '2026-11-15 10:00', due: '2026-11-22' });
  await addConsoleCase({ number: 'T20270102-0001', kind: 'complaint', office: 'minzheng', firstResponder: 's04', status: 'taken', created: '2027-01-02 10:00', due: '2027-01-03' });

  await SatisfactionModel.create([
    { caseNumber: 'T20261201-0001', channel: 'wechat', userId: 'v-a', rating: 'satisfied', at: beijing('2026-12-06 10:00') },
    { caseNumber: 'T20261202-0001', channel: 'wechat', userId: 'v-b', rating: 'unsatisfied', at: beijing('2026-12-13 10:00') },
    { caseNumber: 'T20261202-0001', channel: 'wechat', userId: 'v-b', rating: 'partly', at: beijing('2026-12-14 10:00') },
    { caseNumber: 'T20261115-0001', channel: 'wechat', userId: 'v-d', rating: 'satisfied', at: beijing('2026-11-20 10:00') },
  ]);
  await InterviewModel.create({
    caseNumber: 'T20261202-0001', channel: 'wechat', userId: 'v-b', officeCode: 'minzheng', leaderStaffId: 's03', status: 'held',
    bookedAt: beijing('2026-12-20 15:00'), originalAt: beijing('2026-12-20 15:00'), heldAt: beijing('2026-12-20 15:30'), outcome: '已当面说明',
  });
}

/** 2027-01-05 10:00 Beijing: C and D are overdue, E too (but it was opened after December). */
export const SEED_NOW = beijing('2027-01-05 10:00');
