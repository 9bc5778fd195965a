import type { Change, CountRow } from './types.js';

/** A counter keyed by id. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  keys(): string[] {
    return [...this.counts.keys()];
  }

  /** Every key with its count, in the order first counted (to store). */
  entries(): { k: string; n: number }[] {
    return [...this.counts].map(([k, n]) => ({ k, n }));
  }

  /** Rows, most first (ties by id, so output is stable). */
  rows(label: (key: string) => string): CountRow[] {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([key, count]) => ({ key, label: label(key), count }));
  }
}

export function changeOf(current: number, previous: number): Change {
  if (previous === 0 && current > 0) return 'new';
  if (current > previous) return 'up';
  if (current < previous) return 'down';
  return 'same';
}
