import { textReply } from '../../core/message.js';
import type { DialogueContext, DialogueResult, IntentHandler } from '../../dialogue/types.js';
import { officeOf } from '../answer-phrases.js';
import { recordNotice, type NoticeKind } from '../checklist-record.model.js';
import { materialListPending } from '../material-question.js';
import { MAX_PART_BYTES } from '../pack-parts.js';
import { renderChecklist } from '../render-checklist.js';
import type { Material, ServiceTemplate } from '../service-template.schema.js';
import { refusingInternal, serviceOf, sourceId, withRecordLine, type AnswerDeps } from './context.js';
import { askService } from './ask-service.js';

/** What the conversation remembers while a villager gathers materials. */
export interface ChecklistPending {
  service: string;
  /** material ids the villager said they have, across turns */
  have: string[];
  recordNumber: string;
}

export interface Notice {
  t: ServiceTemplate;
  kind: NoticeKind;
  items: readonly Material[];
  parts: string[];
}

/** Stores the notice (once per message) and returns the parts to send, ending with the record number. */
export async function sendNotice(deps: AnswerDeps, ctx: DialogueContext, n: Notice): Promise<{ number: string; parts: string[] }> {
  const office = officeOf(deps.render, n.t.office).name;
  return recordNotice({
    service: n.t.id,
    channel: ctx.message.channel,
    userId: ctx.message.userId,
    items: n.items.map((m) => ({ id: m.id, name: m.name })),
    templateVersion: deps.templates.version(n.t.id),
    kind: n.kind,
    sourceMessageId: sourceId(ctx),
    render: (number) => withRecordLine(n.parts, deps.render.phrases.render('checklist_record', { number, office }), MAX_PART_BYTES),
  });
}

/**
 * The full 一次性告知 of a service, recorded, with the follow-up state when it has a material list — or when its list
 * is not on file yet (残疾证): "身份证户口本都带起 还差哪样" is then a reply to the checklist, not a 派出所 matter.
 */
export async function firstNotice(deps: AnswerDeps, ctx: DialogueContext, t: ServiceTemplate): Promise<DialogueResult> {
  return refusingInternal(deps, t, ctx, async () => {
    const { number, parts } = await sendNotice(deps, ctx, { t, kind: 'first', items: t.materials, parts: renderChecklist(t, deps.render) });
    const reply = textReply(...parts);
    if (t.materials.length === 0 && !materialListPending(t)) return { reply, pending: null, lastService: t.id };
    const pendingData: ChecklistPending = { service: t.id, have: [], recordNumber: number };
    return { reply, pending: 'checklist', pendingData, lastService: t.id };
  });
}

/** checklist: everything about applying for a service in one go (003 三(六) 一次性告知). */
export function checklistHandler(deps: AnswerDeps): IntentHandler {
  return async (ctx) => {
    await deps.templates.refresh();
    const id = serviceOf(ctx);
    const t = id ? deps.templates.get(id) : undefined;
    if (!t) return askService(deps, 'ask_service_checklist', ctx.text);
    return firstNotice(deps, ctx, t);
  };
}
