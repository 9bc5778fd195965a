import type { AdminTexts } from '../texts.js';
import { esc, page } from './html.js';

export interface NoticeView {
  number: string;
  /** YYYY-MM-DD, Beijing */
  date: string;
  serviceLabel: string;
  kindLabel: string;
  items: string[];
  officeName: string;
  address: string;
  hours: string;
  phone: string;
}

function copy(n: NoticeView, t: AdminTexts, which: 'first' | 'second'): string {
  const items = n.items.length
    ? `<ol>${n.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>`
    : `<p>${esc(t.render('print.notice_items_none'))}</p>`;
  return [
    `<p class="copy">${esc(t.render(`print.notice_copy_${which}`))}</p>`,
    `<h1>${esc(t.render('print.notice_title'))}</h1>`,
    `<p>${esc(t.render('print.notice_number', { number: n.number }))}<br>${esc(t.render('print.notice_date', { date: n.date }))}</p>`,
    `<p>${esc(t.render('print.notice_service', { service: n.serviceLabel, kind: n.kindLabel }))}</p>`,
    `<p>${esc(t.render('print.notice_items_head'))}</p>${items}`,
    `<p>${esc(t.render('print.notice_office', { office: n.officeName }))}<br>${esc(t.render('print.notice_where', { address: n.address, hours: n.hours, phone: n.phone }))}</p>`,
    `<p>${esc(t.render('print.notice_rule'))}</p>`,
    `<p class="sign">${esc(t.render('print.notice_sign_staff'))}</p><p>${esc(t.render('print.notice_sign_villager'))}</p>`,
  ].join('\n');
}

/** 一次性告知书 in duplicate (003 (六)4: 书面告知，一式两份): the same notice twice, one page each. */
export function noticePage(n: NoticeView, t: AdminTexts): string {
  return page(`${t.render('print.notice_title')} ${n.number}`, t.render('print.button'), [copy(n, t, 'first'), copy(n, t, 'second')]);
}
