import path from 'node:path';
import type Router from '@koa/router';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { ROLES } from '../answers/store/index.js';
import { CASE_KINDS } from '../cases/index.js';
import { serviceList } from '../nlu/index.js';
import { DEFAULT_ROOT } from '../reports/texts.js';
import { Office, type OfficeRecord } from '../staff/index.js';
import { CONSOLE_ACTIONS } from './case-actions.js';
import { CASE_STATUSES } from './case-query.js';
import { adminTexts } from './texts.js';

const CASE_HISTORY_ACTIONS = ['create', 'assign', 'remind', 'escalate', 'take', 'transfer', 'reply', 'close', 'reopen', 'requestExtension', 'approveExtension', 'refuseExtension', 'fileRejection', 'approveRejection', 'refuseRejection', 'pauseClock', 'resumeClock'];

function channelIds(): string[] {
  const data = parse(readFileSync(path.join(DEFAULT_ROOT, 'templates', 'reports.yml'), 'utf8')) as Record<string, unknown>;
  return Object.keys(data).filter((k) => k.startsWith('channel.')).map((k) => k.slice('channel.'.length));
}

/** `GET /api/admin/labels`: the Chinese name of every id the other endpoints return (any logged-in user). */
export function registerLabelRoutes(router: Router): void {
  router.get('/api/admin/labels', async (ctx) => {
    const t = adminTexts();
    const offices = await Office.find().sort({ code: 1 }).lean<OfficeRecord[]>();
    ctx.body = {
      roles: ROLES.map((key) => ({ key, label: t.label('role', key) })),
      rosterRoles: ['staff', 'leader', 'discipline'].map((key) => ({ key, label: t.label('roster_role', key) })),
      statuses: CASE_STATUSES.map((key) => ({ key, label: t.status(key) })),
      kinds: CASE_KINDS.map((key) => ({ key, label: t.report.kind(key) })),
      channels: channelIds().map((key) => ({ key, label: t.report.channel(key) })),
      actions: CASE_HISTORY_ACTIONS.map((key) => ({ key, label: t.action(key) })),
      consoleActions: CONSOLE_ACTIONS.map((key) => ({ key, label: t.label('console_action', key) })),
      offices: offices.map((o) => ({ code: o.code, name: o.name })),
      services: serviceList(path.join(DEFAULT_ROOT, 'intents')).map((s) => ({ key: s.id, label: s.label })),
    };
  });
}
