import mongoose, { Schema } from 'mongoose';

/**
 * Every removal of villagers' text is recorded (issue 13, finding 8): the daily expiry, a villager's
 * own request (删除我的记录) and a WeChat unsubscribe. The row names the subject only by a pseudonym.
 */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true, enum: ['expire', 'erase'] },
    reason: { type: String, required: true }, // 'retention' | 'villager_request' | 'unsubscribe'
    channel: { type: String },
    subject: { type: String }, // pseudonym of the villager (erase only)
    counts: { type: Schema.Types.Mixed, default: {} },
    policy: { type: Schema.Types.Mixed },
  },
  { collection: 'retention_audit', versionKey: false },
);
auditSchema.index({ at: -1 });
export const RetentionAuditModel = mongoose.model('RetentionAudit', auditSchema);

/** `_id` = `expire:<YYYY-MM-DD>`: the instance whose insert wins runs that day's expiry. */
const runSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'retention_runs', versionKey: false },
);
export const RetentionRunModel = mongoose.model('RetentionRun', runSchema);
