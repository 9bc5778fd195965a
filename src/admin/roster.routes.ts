import path from 'node:path';
import type Router from '@koa/router';
import { Router as CaseRouter } from '../cases/index.js';
import { isOnLeave, Office, onDutyMember, Staff, type OfficeRecord, type StaffRecord } from '../staff/index.js';
import { requireRole } from './auth.js';
import { adminTexts } from './texts.js';

/** The roster (offices, members, leave and substitutes, who is on duty now) and the routing table, read-only. */
export function registerRosterRoutes(router: Router, opts: { templatesDir: string; now?: () => Date }): void {
  const now = opts.now ?? (() => new Date());
  const routingFile = path.join(opts.templatesDir, 'cases', 'routing.yml');
  router.get('/api/admin/roster', requireRole('admin', 'staff', 'leader', 'discipline'), async (ctx) => {
    const at = now();
    const offices = await Office.find().sort({ code: 1 }).lean<OfficeRecord[]>();
    const staff = await Staff.find().sort({ staffId: 1 }).lean<StaffRecord[]>();
    const out = [];
    for (const o of offices) {
      const duty = await onDutyMember(o.code, at);
      out.push({
        code: o.code, name: o.name, leaderStaffId: o.leaderStaffId ?? null, onDutyNow: duty ? { staffId: duty.staffId, name: duty.name } : null,
        members: staff.filter((s) => s.officeCode === o.code).map((s) => ({
          staffId: s.staffId, name: s.name, post: s.post, chatHandle: s.chatHandle, contact: s.contact, roles: s.roles,
          roleLabels: s.roles.map((r) => adminTexts().label('roster_role', r)), onDuty: s.onDuty,
          leave: s.leave ? { from: s.leave.from, to: s.leave.to, substituteStaffId: s.leave.substituteStaffId, now: isOnLeave(s, at) } : null,
        })),
      });
    }
    ctx.body = { offices: out, routing: CaseRouter.load(opts.templatesDir).table, routingFile: path.relative(process.cwd(), routingFile) };
  });
}
