import type { CaseKind, CaseRecord } from '../../cases/index.js';
import { CaseModel, maskName, maskPhone, maskText } from '../../cases/index.js';
import { textReply } from '../../core/message.js';
import { findOffice, findStaff } from '../../staff/index.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../types.js';
import { formatDate, type FlowDeps } from './deps.js';
import { extractFields, isAccount, mergeMissing, missingFields, REQUIRED, withoutContact, type IntakeFields } from './intake-fields.js';
import { hasAny, isExactly } from './phrases.js';

export const INTAKE_STATE = 'complaint_intake';
const SUMMARY_CHARS = 80;

export interface IntakeData {
  kind: CaseKind;
  fields: IntakeFields;
  step: 'details' | 'confirm';
}

function isIntakeData(v: unknown): v is IntakeData {
  const d = v as Partial<IntakeData> | null;
  return !!d && typeof d.kind === 'string' && typeof d.fields === 'object' && (d.step === 'details' || d.step === 'confirm');
}

function contactLine(deps: FlowDeps, f: IntakeFields): string {
  if (!f.name && !f.phone) return deps.phrases.render('intake_anonymous');
  return deps.phrases.render('intake_contact_given', { name: f.name ? maskName(f.name) : '', phone: f.phone ? maskPhone(f.phone) : '' }).trim();
}

/** The summary read back to the villager, with phones, ID numbers and names masked. */
function readBack(deps: FlowDeps, data: IntakeData): DialogueResult {
  const p = deps.phrases;
  const lines = REQUIRED[data.kind].map((field) => {
    const value = data.fields[field];
    return p.render('intake_readback_line', { label: p.fieldLabel(field), value: value ? maskText(value, [data.fields.name]) : p.render('intake_not_given') });
  });
  lines.push(p.render('intake_readback_line', { label: p.fieldLabel('contact'), value: contactLine(deps, data.fields) }));
  const next: IntakeData = { ...data, step: 'confirm' };
  return { reply: textReply(p.render('intake_readback', { summary: lines.join('\n') })), pending: INTAKE_STATE, pendingData: next };
}

function askMissing(deps: FlowDeps, data: IntakeData, opening: string | undefined): DialogueResult {
  const p = deps.phrases;
  const missing = missingFields(data.kind, data.fields);
  const ask = missing.length === 1 && missing[0] === 'what'
    ? p.render('intake_ask_what')
    : p.render('intake_ask_missing', { missing: missing.map((f) => p.fieldLabel(f)).join('、') });
  const text = [opening, ask, p.render('intake_contact_hint')].filter(Boolean).join('\n');
  return { reply: textReply(text), pending: INTAKE_STATE, pendingData: data };
}

function kindFor(intentKind: CaseKind, service: string | undefined): CaseKind {
  return intentKind === 'complaint' && service === 'xinfang' ? 'petition' : intentKind;
}

/** Starts an intake from the first message: keeps what it already says, asks once for the rest. */
export function startIntake(deps: FlowDeps, intentKind: CaseKind): IntentHandler {
  return async (ctx) => {
    const service = ctx.classification?.service;
    const kind = kindFor(intentKind, service);
    const found = extractFields(ctx.text, deps.phrases);
    const fields: IntakeFields = { ...found, ...(service ? { service } : {}), ...(isAccount(ctx.text) ? { what: ctx.text } : {}) };
    const data: IntakeData = { kind, fields, step: 'details' };
    const opening = deps.phrases.render(`intake_start_${kind}`);
    if (missingFields(kind, fields).length) return askMissing(deps, data, opening);
    const result = readBack(deps, data);
    return { ...result, reply: textReply(opening, ...result.reply.parts) };
  };
}

/** The answer to the one question: what it says fills the gaps; what stays missing is left blank. */
function takeDetails(deps: FlowDeps, data: IntakeData, text: string): IntakeData {
  const w = deps.phrases.words;
  const before = missingFields(data.kind, data.fields);
  let fields = mergeMissing(data.fields, extractFields(text, deps.phrases));
  const dontKnow = hasAny(text, w.unknown);
  const said = withoutContact(text);
  if (fields.what === undefined) fields = { ...fields, what: said };
  const left = missingFields(data.kind, fields);
  if (!dontKnow && said && before.length === 1 && left.length === 1 && left[0]) fields = { ...fields, [left[0]]: said };
  else if (!dontKnow && said && left.length && fields.what !== said) fields = { ...fields, what: `${fields.what ?? ''}；${said}` };
  for (const f of missingFields(data.kind, fields)) fields = { ...fields, [f]: '' };
  return { ...data, fields };
}

/** After the read-back: anything but a confirmation is a correction or an addition. */
function takeCorrection(deps: FlowDeps, data: IntakeData, text: string): IntakeData {
  const found = extractFields(text, deps.phrases);
  let fields: IntakeFields = { ...data.fields };
  for (const k of ['who', 'village', 'when', 'wants'] as const) if (!fields[k] && found[k]) fields[k] = found[k];
  if (found.anonymous) fields = { ...fields, name: undefined, phone: undefined, anonymous: true };
  if (found.name) fields.name = found.name;
  if (found.phone) fields.phone = found.phone;
  const said = deps.phrases.words.anonymous.reduce((t, word) => t.split(word).join(''), withoutContact(text)).trim();
  if ([...said].length >= 2 && !hasAny(text, deps.phrases.words.unknown)) fields.what = fields.what ? `${fields.what}；${said}` : said;
  return { ...data, fields };
}

async function register(deps: FlowDeps, ctx: DialogueContext, data: IntakeData): Promise<CaseRecord> {
  const m = ctx.message;
  const messageKey = `${m.channel}:${m.messageId}`;
  const existed = await CaseModel.exists({ createdFromMessageId: messageKey });
  const f = data.fields;
  const what = f.what ?? '';
  const record = await deps.cases.createCase({
    kind: data.kind,
    service: f.service,
    category: f.category,
    summary: [...what].slice(0, SUMMARY_CHARS).join('') || deps.phrases.kindLabel(data.kind),
    details: { what, who: f.who ?? '', village: f.village ?? '', when: f.when ?? '', wants: f.wants ?? '' },
    complainant: { channel: m.channel, userId: m.userId, ...(f.name ? { name: f.name } : {}), ...(f.phone ? { phone: f.phone } : {}), anonymous: !f.name && !f.phone },
    createdFromMessageId: messageKey,
  });
  if (!existed) deps.caseEvents.emit('created', record);
  return record;
}

async function createdReply(deps: FlowDeps, record: CaseRecord): Promise<string> {
  const p = deps.phrases;
  const office = (await findOffice(record.officeCode))?.name ?? record.officeCode;
  const dueLine = record.deadline.covered
    ? p.render('intake_due', { date: formatDate(p, record.deadline.due) })
    : p.render('intake_due_unconfirmed', { office });
  const responder = record.firstResponderId ? await findStaff(record.firstResponderId) : null;
  const vars = { number: record.number, kindLabel: p.kindLabel(record.kind), office, dueLine };
  return responder
    ? p.render('intake_created', { ...vars, responder: responder.name, post: responder.post })
    : p.render('intake_created_no_responder', vars);
}

/** `pending:complaint_intake`: the answer to the question, the confirmation, a correction, or 算了. */
export function pendingIntake(deps: FlowDeps): IntentHandler {
  return async (ctx) => {
    const data = ctx.conversation.pendingData;
    const w = deps.phrases.words;
    if (!isIntakeData(data) || hasAny(ctx.text, w.cancel)) {
      return { reply: textReply(deps.phrases.render('intake_cancelled')), pending: null };
    }
    if (data.step === 'details') return readBack(deps, takeDetails(deps, data, ctx.text));
    if (!isExactly(ctx.text, w.confirm)) return readBack(deps, takeCorrection(deps, data, ctx.text));
    const record = await register(deps, ctx, data);
    return { reply: textReply(await createdReply(deps, record)), pending: null, lastService: record.service ?? undefined };
  };
}
