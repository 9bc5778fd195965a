import dayjs from 'dayjs';
import { TOWNSHIP_TZ } from '../calendar/index.js';
import type { CaseRecord } from './case.model.js';
import { maskName, maskPhone, maskText } from './mask.js';

/** What a case card shows in the staff room: data only (the wording is the renderer's template). */
export interface MaskedCard {
  number: string;
  kind: CaseRecord['kind'];
  status: CaseRecord['status'];
  service: string | null;
  category: string | null;
  officeCode: string;
  holderId: string | null;
  firstResponderId: string | null;
  summary: string;
  what: string;
  village: string;
  when: string;
  wants: string;
  complainant: { anonymous: true } | { anonymous: false; name: string; phone: string; channel: string };
  /** 'YYYY-MM-DD HH:mm' Beijing time */
  due: string;
  dueCovered: boolean;
  needsPhoneCall: boolean;
  alerts: string[];
}

/** The case with the complainant's name, phone and ID numbers masked, in every text field too. */
export function maskedCard(c: CaseRecord): MaskedCard {
  const names = [c.complainant.name];
  const m = (s: string | undefined) => maskText(s ?? '', names);
  return {
    number: c.number,
    kind: c.kind,
    status: c.status,
    service: c.service ?? null,
    category: c.category ?? null,
    officeCode: c.officeCode,
    holderId: c.holderId,
    firstResponderId: c.firstResponderId,
    summary: m(c.summary),
    what: m(c.details.what),
    village: c.details.village ?? '',
    when: c.details.when ?? '',
    wants: m(c.details.wants),
    complainant: c.complainant.anonymous
      ? { anonymous: true }
      : {
          anonymous: false,
          name: c.complainant.name ? maskName(c.complainant.name) : '',
          phone: c.complainant.phone ? maskPhone(c.complainant.phone) : '',
          channel: c.complainant.channel,
        },
    due: dayjs(c.deadline.due).tz(TOWNSHIP_TZ).format('YYYY-MM-DD HH:mm'),
    dueCovered: c.deadline.covered,
    needsPhoneCall: c.needsPhoneCall,
    alerts: c.alerts,
  };
}
