/**
 * Seeds a busy township's year directly into the database (insertMany in batches, not HTTP), for
 * npm run bench:scale. Documents have the shape the bot writes; timestamps spread over the
 * year before `now`. Case documents are clones of one case made by the real CaseService.
 */
import path from 'node:path';
import type { Model } from 'mongoose';
import { ChecklistRecordModel } from '../src/answers/checklist-record.model.js';
import { loadPackageHolidayData, WorkingCalendar } from '../src/calendar/index.js';
import { CaseModel, CaseService } from '../src/cases/index.js';
import { ConversationModel } from '../src/conversations/conversation.model.js';
import { TurnRecordModel } from '../src/conversations/turn-record.model.js';
import { OutboxMessageModel } from '../src/outbox/index.js';
import { random } from '../src/nlu/model.js';

export interface SeedSizes { turns: number; conversations: number; cases: number; checklists: number; outbox: number }

const YEAR_MS = 365 * 24 * 60 * 60_000;
const BATCH = 2000;
const TEXTS = ['低保怎么申请', '残疾证需要什么材料', '五保户条件', '大病救济多久能批', '失业登记证在哪里办', '你好', '谢谢'];
const SERVICES = ['dibao', 'wubao', 'dabing', 'canji', 'shiye'];
/** a case younger than a month may still be open; older ones are closed */
const OPEN_STATUSES = ['received', 'assigned', 'taken', 'answered', 'closed'];
const MONTH_MS = 30 * 24 * 60 * 60_000;

async function insertBatches(model: Model<any>, count: number, make: (i: number) => object, log: (l: string) => void): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any -- any model
  const t0 = performance.now();
  for (let start = 0; start < count; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => make(start + k));
    await model.collection.insertMany(docs, { ordered: false });
  }
  log(`seeded ${count} ${model.collection.collectionName} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** The number of a seeded case: T + yyyymmdd of its creation + a sequence that keeps it unique. */
export const seededCaseNumber = (at: Date, i: number): string =>
  `T${at.toISOString().slice(0, 10).replaceAll('-', '')}-${String(9000 + (i % 1000)).padStart(4, '0')}${Math.floor(i / 1000)}`;

export async function seedYear(sizes: SeedSizes, now: Date, log: (l: string) => void): Promise<{ sampleCaseNumber: string }> {
  const rnd = random(20261205);
  const at = (i: number, n: number) => new Date(now.getTime() - YEAR_MS + Math.floor(((i + rnd()) / n) * YEAR_MS) - 60_000);
  const user = (i: number) => `o_seed_${i % sizes.conversations}`;

  await insertBatches(ConversationModel, sizes.conversations, (i) => {
    const key = `wechat:o_seed_${i}`;
    return { _id: key, key, channel: 'wechat', userId: `o_seed_${i}`, firstSeenAt: at(i, sizes.conversations), lastSeenAt: now, turns: 10, lastService: SERVICES[i % 5], lastIntent: 'policy_query' };
  }, log);

  await insertBatches(TurnRecordModel, sizes.turns, (i) => {
    const received = at(i, sizes.turns);
    const text = TEXTS[i % TEXTS.length] ?? '你好';
    return {
      _id: `wechat:seed${i}`, channel: 'wechat', messageId: `seed${i}`, userId: user(i), conversationKey: `wechat:${user(i)}`,
      kind: 'text', text, maskedText: text, sentAt: received, receivedAt: received, status: 'answered',
      intent: 'policy_query', service: SERVICES[i % 5], confidence: 0.9, replyParts: ['（答复略）'], repliedAt: received,
      trace: [{ step: 'dedupe', outcome: 'first', ms: 3 }, { step: 'classify', outcome: 'policy_query', ms: 2 }, { step: 'dialogue', outcome: 'answered', ms: 4 }],
    };
  }, log);

  // one real case, made by the service, is the model for the clones
  const svc = CaseService.load(new WorkingCalendar(loadPackageHolidayData()), path.resolve('templates'), () => now);
  const model = await svc.createCase({ kind: 'complaint', service: 'dibao', summary: '低保评定不公开（压测样本）', complainant: { channel: 'wechat', userId: 'o_seed_model', anonymous: true } });
  const proto = await CaseModel.findOne({ number: model.number }).lean();
  await CaseModel.deleteOne({ number: model.number });
  let sampleCaseNumber = '';
  await insertBatches(CaseModel, sizes.cases, (i) => {
    const created = at(i, sizes.cases);
    const number = seededCaseNumber(created, i);
    if (i === Math.floor(sizes.cases / 2)) sampleCaseNumber = number;
    const status = now.getTime() - created.getTime() < MONTH_MS ? (OPEN_STATUSES[i % OPEN_STATUSES.length] ?? 'closed') : 'closed';
    const rest: Record<string, unknown> = { ...proto };
    delete rest._id;
    delete rest.createdFromMessageId;
    return {
      ...rest, number, status, service: SERVICES[i % 5], summary: `第${i}号诉求（压测样本）`,
      complainant: { channel: 'wechat', userId: user(i), anonymous: i % 3 === 0 },
      createdAt: created, updatedAt: created, closedAt: status === 'closed' ? new Date(created.getTime() + 5 * 86_400_000) : null,
      deadline: { due: new Date(created.getTime() + 7 * 86_400_000), covered: true },
      reminders: { remindAt: new Date(created.getTime() + 6 * 86_400_000) },
    };
  }, log);

  await insertBatches(ChecklistRecordModel, sizes.checklists, (i) => {
    const created = at(i, sizes.checklists);
    return {
      number: `G${created.toISOString().slice(0, 10).replaceAll('-', '')}-${String(i).padStart(6, '0')}`, service: SERVICES[i % 5], channel: 'wechat', userId: user(i),
      items: [{ id: 'hukou', name: '户口本' }], parts: ['（清单略）'], templateVersion: '1', kind: 'first', createdAt: created, sourceMessageId: `wechat:seed${i}`,
    };
  }, log);

  await insertBatches(OutboxMessageModel, sizes.outbox, (i) => {
    const created = at(i, sizes.outbox);
    return { channel: 'wechat', userId: user(i), parts: ['（迟到的答复）'], partsSent: 1, meta: { reason: 'overflow' }, status: 'sent', attempts: 1, nextAttemptAt: created, claimGen: 1, lastSentAt: created, sentAt: created, createdAt: created };
  }, log);
  return { sampleCaseNumber };
}
