export type TemplateErrorCode =
  | 'not_found'
  | 'invalid_state'
  | 'same_person'
  | 'not_policy'
  | 'invalid_content'
  | 'comment_required'
  | 'unknown_key';

/** An expected refusal of the template workflow (wrong state, same person reviewing, invalid content …). */
export class TemplateWorkflowError extends Error {
  override name = 'TemplateWorkflowError';
  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    readonly problems: string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
