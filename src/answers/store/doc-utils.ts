import { TemplateWorkflowError } from './errors.js';

export function requireText(text: string, message: string): void {
  if (typeof text !== 'string' || text.trim() === '') throw new TemplateWorkflowError('comment_required', message);
}

export function withoutId<T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> {
  const rest = { ...doc };
  delete rest._id;
  return rest;
}

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
