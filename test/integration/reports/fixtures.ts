import { CaseModel } from '../../../src/cases/index.js';
import { TurnRecordModel } from '../../../src/conversations/turn-record.model.js';
import { maskPersonalData } from '../../../src/nlu/index.js';

let seq = 0;

export interface TurnInput {
  channel?: string;
  userId: string;
  text: string;
  /** Beijing time, e.g. '2026-11-03 09:15' */
  at: string;
  intent?: string;
  service?: string;
  /** the dialogue step's outcome: an intent id, 'clarify', 'fallback', 'pending:satisfaction' … */
  route?: string;
  kind?: 'text' | 'event' | 'media';
}

export function beijing(at: string): Date {
  return new Date(`${at.replace(' ', 'T')}${at.length > 10 ? ':00' : 'T00:00:00'}+08:00`);
}

/** A turn as the pipeline stores it: text, masked text, classification and the trace with the dialogue route. */
export async function addTurn(t: TurnInput): Promise<void> {
  const channel = t.channel ?? 'wechat';
  const at = beijing(t.at);
  const route = t.route ?? t.intent ?? 'fallback';
  await TurnRecordModel.create({
    channel, messageId: `m${++seq}`, userId: t.userId, conversationKey: `${channel}:${t.userId}`, kind: t.kind ?? 'text',
    text: t.text, maskedText: maskPersonalData(t.text), sentAt: at, receivedAt: at, status: 'answered',
    intent: t.intent, service: t.service, confidence: route === 'clarify' ? 0.3 : 0.9, replyParts: ['……'], repliedAt: at,
    trace: [
      { step: 'normalize', outcome: 'ok', ms: 0.1 }, { step: 'mask', outcome: 'ok', ms: 0.1 },
      { step: 'classify', outcome: t.intent ?? 'none', ms: 1 }, { step: 'dialogue', outcome: route, ms: 0.1 },
      { step: 'handler', outcome: '1 part(s)', ms: 2 },
    ],
  });
}

export interface CaseInput {
  number: string;
  kind: 'complaint' | 'handoff' | 'disclosure' | 'petition';
  service?: string;
  officeCode: string;
  status: string;
  created: string;
  due: string;
  covered?: boolean;
  closed?: string;
}

/** A case row with its own createdAt (timestamps off, as if registered on that day). */
export async function addCase(c: CaseInput): Promise<void> {
  const createdAt = beijing(c.created);
  const doc = new CaseModel({
    number: c.number, kind: c.kind, service: c.service, summary: '（测试）反映事项', details: {},
    complainant: { channel: 'wechat', userId: `v-${c.number}`, name: '王某某', phone: '13900001111', anonymous: false },
    officeCode: c.officeCode, firstResponderId: 's01', holderId: 's01', status: c.status,
    deadline: { due: beijing(`${c.due} 23:59`), covered: c.covered ?? true },
    history: [{ at: createdAt, actor: 'villager', action: 'create' }], replies: [], extensions: [],
    reminders: { remindAt: createdAt }, alerts: c.covered === false ? ['deadline_uncovered'] : [],
    closedAt: c.closed ? beijing(c.closed) : null, createdAt, updatedAt: createdAt,
  });
  await doc.save({ timestamps: false });
}
