import { UserFacingError } from '../core/errors.js';

/**
 * Expected problems with a case command. Each carries a template key from templates/cases/messages.yml
 * and its variables, so the staff room (or the villager) is told in words from the data.
 */
export class CaseError extends UserFacingError {
  override name = 'CaseError';
}

export class CaseNotFoundError extends CaseError {
  override name = 'CaseNotFoundError';
  constructor(readonly number: string) {
    super('cases.not_found', { number });
  }
}

/** The action is not allowed from the case's current status (see transitions.ts). */
export class IllegalTransitionError extends CaseError {
  override name = 'IllegalTransitionError';
  constructor(readonly number: string, readonly action: string, readonly status: string) {
    super('cases.illegal_transition', { number, action, status });
  }
}

export const NOT_PERMITTED_REASONS = ['not_holder', 'not_in_office', 'not_leader', 'self_approval', 'unknown_staff'] as const;
export type NotPermittedReason = (typeof NOT_PERMITTED_REASONS)[number];

/** This person may not do this command on this case. */
export class NotPermittedError extends CaseError {
  override name = 'NotPermittedError';
  constructor(readonly number: string, readonly action: string, readonly reason: NotPermittedReason) {
    super(`cases.not_permitted.${reason}`, { number, action });
  }
}

/** The complaint names this staff member: they may never hold or decide it (回避). */
export class ConflictOfInterestError extends CaseError {
  override name = 'ConflictOfInterestError';
  constructor(readonly number: string, readonly staffId: string) {
    super('cases.conflict_of_interest', { number });
  }
}

export const INVALID_COMMAND_REASONS = [
  'reason_required', 'legal_basis_required', 'text_required', 'result_required',
  'no_extension_for_kind', 'extension_days', 'extensions_used_up', 'extension_pending', 'no_extension_pending',
  'no_clock_stop_for_kind', 'unknown_office', 'same_office',
] as const;
export type InvalidCommandReason = (typeof INVALID_COMMAND_REASONS)[number];

/** Every template key these errors use (checked against templates/cases/messages.yml by the tests). */
export function caseErrorTemplateKeys(): string[] {
  return [
    'cases.not_found', 'cases.illegal_transition', 'cases.conflict_of_interest', 'cases.no_one_on_duty', 'cases.busy',
    ...NOT_PERMITTED_REASONS.map((r) => `cases.not_permitted.${r}`),
    ...INVALID_COMMAND_REASONS.map((r) => `cases.invalid.${r}`),
  ];
}

/** The command is incomplete or asks for something the rules do not allow. */
export class InvalidCommandError extends CaseError {
  override name = 'InvalidCommandError';
  constructor(readonly number: string, readonly action: string, readonly reason: InvalidCommandReason, vars: Record<string, string | number> = {}) {
    super(`cases.invalid.${reason}`, { number, action, ...vars });
  }
}

/** Nobody in the target office can take the case right now. */
export class NoOneOnDutyError extends CaseError {
  override name = 'NoOneOnDutyError';
  constructor(readonly officeCode: string) {
    super('cases.no_one_on_duty', { office: officeCode });
  }
}

/** Someone else changed the case at the same moment, repeatedly; the command may simply be retried. */
export class ConcurrentUpdateError extends CaseError {
  override name = 'ConcurrentUpdateError';
  constructor(readonly number: string, options?: ErrorOptions) {
    super('cases.busy', { number }, options);
  }
}
