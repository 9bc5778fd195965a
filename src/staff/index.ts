export { Office, Staff, STAFF_ROLES, type StaffRole, type StaffRecord, type OfficeRecord, type LeaveRecord } from './staff.model.js';
export {
  onDutyMember, officeLeader, actingFor, isOnLeave, findStaff, findStaffByChatHandle, findStaffByChatId, findStaffByWecomUserId, pinChatId, findOffice, officeMembers, allStaff,
  type DutyOptions,
} from './roster.js';
export { loadRosterFile, parseRoster, RosterFileError, type RosterFile } from './roster-file.js';
