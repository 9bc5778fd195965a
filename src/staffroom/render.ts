import path from 'node:path';
import { loadCaseRules, maskedCard, maskText, type CaseRecord, type CaseRules } from '../cases/index.js';
import { serviceLabel, type ServiceId } from '../nlu/index.js';
import { findOffice, type StaffRecord } from '../staff/index.js';
import { Confidentiality } from './confidential.js';
import { beijing, personLabel } from './resolve.js';
import type { StaffTexts } from './texts.js';

/**
 * Turns cases into what the room reads. Identity is always masked (maskedCard masks the summary too);
 * free text typed by staff about a case is masked again before it is echoed.
 */
export class CaseRenderer {
  private readonly rules: CaseRules;
  readonly confidentiality: Confidentiality;

  constructor(readonly texts: StaffTexts, private readonly rootDir: string) {
    this.rules = loadCaseRules(path.join(rootDir, 'templates'));
    this.confidentiality = Confidentiality.load(path.join(rootDir, 'templates'));
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

  /** The masked summary, or for a confidential case (misconduct, named staff) only "see the admin pages". */
  roomSummary(c: CaseRecord): string {
    return this.confidentiality.isConfidential(c) ? this.render('confidential_summary') : maskedCard(c).summary;
  }

  private complainant(c: CaseRecord): string {
    const card = maskedCard(c);
    if (card.complainant.anonymous) return this.render('card_anonymous');
    return [card.complainant.name, card.complainant.phone].filter(Boolean).join(' ') || this.render('card_anonymous');
  }

  /** The new-case card; a confidential case gets the reduced one (number, kind, deadline, office). */
  async card(c: CaseRecord): Promise<string> {
    const card = maskedCard(c);
    if (this.confidentiality.isConfidential(c)) return this.reduced('card_confidential', c);
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

  /**
   * The "needs a phone call" alert: masked identity only. The phone itself is never posted; staff
   * read it on the admin identity page, which logs the view.
   */
  async phoneCallAlert(c: CaseRecord, reason: string): Promise<string> {
    return this.render('alert.needs_phone_call', {
      number: c.number, kind: this.kindLabel(c), complainant: this.complainant(c), reason: maskText(reason, [c.complainant.name]),
      holder: await this.person(c.holderId), firstResponder: await this.person(c.firstResponderId),
    });
  }

  private async reduced(key: string, c: CaseRecord): Promise<string> {
    return this.render(key, {
      number: c.number, kind: this.kindLabel(c), status: this.texts.label('status', c.status),
      due: maskedCard(c).due, office: await this.officeName(c.officeCode),
      firstResponder: await this.person(c.firstResponderId), holder: await this.person(c.holderId),
    });
  }

  /**
   * 查 N: the case's state, masked. A confidential case shows its details only to those who may read
   * it (Confidentiality.mayRead); others get the reduced view. Refusing the conflicted is the caller's.
   */
  async show(c: CaseRecord, viewer?: StaffRecord): Promise<string> {
    const mayRead = !this.confidentiality.isConfidential(c) || (!!viewer && this.confidentiality.mayRead(c, viewer));
    const text = mayRead ? await this.fullShow(c) : await this.reduced('show_confidential', c);
    return c.needsPhoneCall ? `${text}\n${this.render('show_needs_phone_call')}` : text;
  }

  private async fullShow(c: CaseRecord): Promise<string> {
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
