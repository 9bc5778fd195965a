import { textReply } from '../../core/message.js';
import type { DialogueContext, IntentHandler } from '../../dialogue/types.js';
import { officeOf } from '../answer-phrases.js';
import { serviceOf, type AnswerDeps } from './context.js';
import { officeContactLines, type OfficeDirectory } from './office-directory.js';

interface Target { officeId: string; service?: string; general: boolean }

/** Which office: one the text names, else the service's (asked or talked about), else the general office. */
function targetOf(deps: AnswerDeps, dir: OfficeDirectory, ctx: DialogueContext): Target {
  const named = dir.named(ctx.text);
  if (named) return { officeId: named, general: false };
  const id = serviceOf(ctx);
  const t = id ? deps.templates.get(id) : undefined;
  if (t) return { officeId: t.office, service: t.name, general: false };
  return { officeId: dir.generalId, general: true };
}

/**
 * contact: address, office hours, phone and contact person of an office ("民政办在哪", "乡政府办公电话多少", "那电话多少"
 * after a 低保 question). Holiday questions get the hours plus "the State Council notice decides" — never dates.
 */
export function contactHandler(deps: AnswerDeps, dir: OfficeDirectory): IntentHandler {
  return async (ctx) => {
    await deps.templates.refresh();
    const p = deps.render.phrases;
    const target = targetOf(deps, dir, ctx);
    const office = officeOf(deps.render, target.officeId);
    const lines: string[] = [];
    if (target.service) lines.push(p.render('contact_for_service', { service: target.service, office: office.name }));
    lines.push(...officeContactLines(deps.render, office));
    if (dir.asksAboutHolidays(ctx.text)) lines.push(p.render('contact_holiday', { office: office.name }));
    if (target.general) {
      const names = dir.listedIds.map((id) => officeOf(deps.render, id).name).join(p.render('aspect_separator'));
      lines.push(p.render('contact_other_offices', { offices: names }));
    }
    return { reply: textReply(lines.join('\n')) };
  };
}
