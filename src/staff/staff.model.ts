import mongoose from 'mongoose';

export type StaffRole = 'staff' | 'leader' | 'discipline' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['staff', 'leader', 'discipline', 'admin'];

/** A township office (党政办、民政办 …). */
const officeSchema = new mongoose.Schema(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    /** the office's leader (分管领导 or 负责人), the fallback holder and the approver */
    leaderStaffId: { type: String },
  },
  { timestamps: true },
);

/** 同岗替代: while on leave, the substitute takes over the member's work. */
const leaveSchema = new mongoose.Schema(
  {
    from: { type: Date, required: true },
    to: { type: Date, required: true },
    substituteStaffId: { type: String, required: true },
  },
  { _id: false },
);

const staffSchema = new mongoose.Schema(
  {
    staffId: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    post: { type: String, default: '' },
    officeCode: { type: String, required: true, index: true },
    contact: { type: String, default: '' },
    /** the member's name or id in the staff group chat */
    chatHandle: { type: String, default: '' },
    /**
     * the member's stable contact id on the chat platform (wechaty `talker.id`): once set, only this
     * account may act as the member, whatever nickname it shows; empty = not pinned yet (pinned on first use)
     */
    chatId: { type: String, default: '', index: true },
    /** the member's 企业微信/政务微信 userid (通讯录账号): the 企业微信 staff room knows members only by it */
    wecomUserId: { type: String, default: '', index: true },
    roles: { type: [String], enum: STAFF_ROLES, default: ['staff'] },
    onDuty: { type: Boolean, default: true },
    leave: { type: leaveSchema, required: false },
  },
  { timestamps: true },
);

export const Office = mongoose.model('Office', officeSchema);
export const Staff = mongoose.model('Staff', staffSchema);

export interface LeaveRecord {
  from: Date;
  to: Date;
  substituteStaffId: string;
}

/** A staff member as the rest of the system sees it (plain data). */
export interface StaffRecord {
  staffId: string;
  name: string;
  post: string;
  officeCode: string;
  contact: string;
  chatHandle: string;
  /** stable chat-platform contact id; '' or absent = not pinned yet */
  chatId?: string | null;
  /** 企业微信 userid; '' or absent = not in the 企业微信 room */
  wecomUserId?: string | null;
  roles: StaffRole[];
  onDuty: boolean;
  leave?: LeaveRecord | null;
}

export interface OfficeRecord {
  code: string;
  name: string;
  leaderStaffId?: string | null;
}
