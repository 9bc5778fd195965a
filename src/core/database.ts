/**
 * The database as the rest of the bot sees it: up, being restarted, or down (restarts keep failing,
 * or an external server does not answer). src/db keeps it current; /healthz shows it and the spool
 * decides by it whether a villager's message can be stored now.
 */
export type DatabaseState = 'up' | 'restarting' | 'down';

export interface DatabaseStatus {
  /** embedded ferretdb or mongod, or external (MONGODB_URI) */
  kind: string;
  state: DatabaseState;
  /** restarts of the embedded server since the bot started */
  restarts: number;
  /** when the state last changed */
  since: Date;
  /** why it is not up (the exit code, "not answering pings" …) */
  reason?: string;
}

export interface DatabaseWatch {
  status(): DatabaseStatus;
  /** called on every state change; returns the unsubscribe function */
  onChange(listener: (status: DatabaseStatus) => void): () => void;
}

/** A watch for a database nobody supervises (tests): always up. */
export function alwaysUp(kind = 'unsupervised'): DatabaseWatch {
  const status: DatabaseStatus = { kind, state: 'up', restarts: 0, since: new Date() };
  return { status: () => status, onChange: () => () => undefined };
}
