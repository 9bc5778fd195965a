import { isDuplicateKey } from '../../core/db-errors.js';
import { TemplateWorkflowError } from './errors.js';

export function requireText(text: string, message: string): void {
  if (typeof text !== 'string' || text.trim() === '') throw new TemplateWorkflowError('comment_required', message);
}

export function withoutId<T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> {
  const rest = { ...doc };
  delete rest._id;
  return rest;
}

export { isDuplicateKey };
