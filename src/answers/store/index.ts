export { TemplateStore, type ContentValidator, type SeedEntry, type TemplateStoreOptions, type TemplateSummary, type VersionView } from './template-store.js';
export type { PublishedEntry } from './published-cache.js';
export { TemplateWorkflowError, type TemplateErrorCode } from './errors.js';
export { diffContent, type DiffLine } from './diff.js';
export { TEMPLATE_CATEGORIES, VERSION_STATUSES, type TemplateCategory, type VersionStatus } from './template.model.js';
export { UserStore, UserError, MIN_PASSWORD_LENGTH, type UserView, type LoginResult, type ProfilePatch } from './user-store.js';
export { userChanges, USER_ACTIONS, type UserChange, type UserAction } from './user-log.model.js';
export { SessionStore, type Session, type NewSession } from './session-store.js';
export { ROLES, type Role } from './user.model.js';
