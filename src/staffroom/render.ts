import path from 'node:path';
import { loadCaseRules, maskedCard, maskText, type CaseRecord, type CaseRules } from '../cases/index.js';
import { serviceLabel, type ServiceId } from '../nlu/index.js';
import { findOffice } from '../staff/index.js';
import { beijing, personLabel } from './resolve.js';
import type { StaffTexts } from './texts.js';

/**
 * Turns cases into what the room reads. Identity is always masked (maskedCard masks the summary too);
 * free text typed by staff about a case is masked again before it is echoed.
 */
export class CaseRenderer {
  private readonly rules: CaseRules;

  constructor(readonly texts: StaffTexts, private readonly rootDir: string) {
    this.rules = loadCaseRules(path.join(rootDir, 'templates'));
  }

  readonly render = (key: string, vars: Record<string, string | number> = {}): string => this.texts.render(key, vars);

  person(staffId: string | null | undefined): Promise<string> {
    return personLabel(staffId, this.render);
  }

  kindLabel(c: CaseRecord): string {
    return this.rules.kinds[c.kind].label;
  }

  /** What staff write about a case, with any identity the villager's record holds masked. */
  mask(c: CaseRecord, text: string): string {
    return maskText(text, [c.complainant.name]);
  }

  async officeName(code: string): Promise<string> {
    return (await findOffice(code))?.name ?? code;
  }

  /** The service's label from intents/services; the id itself if that data cannot be read (the card must still go out). */
  private serviceName(id: string): string {
    try {
      return serviceLabel(id as ServiceId, path.join(this.rootDir, 'intents'));
    } catch {
      // intents/ unreadable (being edited, or broken): the id is still meaningful to staff
      return id;
    }
  }

  private complainant(c: CaseRecord): string {
    const card = maskedCard(c);
    if (card.complainant.anonymous) return this.render('card_anonymous');
    return [card.complainant.name, card.complainant.phone].filter(Boolean).join(' ') || this.render('card_anonymous');
  }

  /** The new-case card. */
  async card(c: CaseRecord): Promise<string> {
    const card = maskedCard(c);
    return this.render('card', {
      number: c.number,
      kind: this.kindLabel(c),
      service: c.service ? this.serviceName(c.service) : this.render('card_unknown_service'),
      summary: card.summary,
      complainant: this.complainant(c),
      due: card.due,
      firstResponder: await this.person(c.firstResponderId),
      holder: await this.person(c.holderId),
    });
  }

  /** 查 N: the case's state, masked. */
  async show(c: CaseRecord): Promise<string> {
    const card = maskedCard(c);
    const last = c.history.at(-1);
    return this.render('show', {
      number: c.number,
      kind: this.kindLabel(c),
      status: this.texts.label('status', c.status),
      summary: card.summary,
      complainant: this.complainant(c),
      office: await this.officeName(c.officeCode),
      holder: await this.person(c.holderId),
      firstResponder: await this.person(c.firstResponderId),
      due: card.due,
      last: last ? `${beijing(last.at)} ${this.texts.label('action', last.action)}` : '',
    });
  }
}
