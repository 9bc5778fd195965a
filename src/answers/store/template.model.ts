import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const TEMPLATE_CATEGORIES = ['policy', 'town', 'internal'] as const;
/** policy: 政策法规 (may be published without review, 000 §1-6); town: township material (reviewed); internal: never sent to villagers. */
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export const VERSION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'published', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

const templateVersionSchema = new Schema(
  {
    key: { type: String, required: true },
    version: { type: Number, required: true },
    category: { type: String, enum: TEMPLATE_CATEGORIES, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: VERSION_STATUSES, required: true },
    author: { type: String, required: true },
    reason: { type: String, required: true },
    submittedBy: { type: String },
    reviewer: { type: String },
    reviewComment: { type: String },
    reviewedAt: { type: Date },
    publishedBy: { type: String },
    publishedAt: { type: Date },
    rollbackOf: { type: Number },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'template_versions', minimize: false, versionKey: false },
);
templateVersionSchema.index({ key: 1, version: 1 }, { unique: true });
templateVersionSchema.index({ status: 1 });

export type TemplateVersionDoc = InferSchemaType<typeof templateVersionSchema>;

export const TemplateVersionModel = mongoose.model('TemplateVersion', templateVersionSchema);

/** Small key/value rows; `templates` carries the publish generation every instance polls. */
const metaSchema = new Schema(
  { _id: { type: String, required: true }, generation: { type: Number, required: true, default: 0 } },
  { collection: 'meta', versionKey: false },
);

export const TemplateMetaModel = mongoose.model('TemplateMeta', metaSchema);

/**
 * `publish:<key>:<version>` claims: a unique _id insert is the one atomic write on the embedded FerretDB,
 * so two concurrent approvals of one version cannot both publish it (conditional updates both "win").
 */
const publishClaimSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'template_publish_claims', versionKey: false },
);

export const PublishClaimModel = mongoose.model('TemplatePublishClaim', publishClaimSchema);
