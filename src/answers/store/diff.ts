/** One line of a diff between two template contents. */
export interface DiffLine {
  op: 'same' | 'added' | 'removed';
  line: string;
}

const MAX_LINES = 3000;

/**
 * Flattens JSON into readable lines: `path = value` for scalars; a multi-line string gives
 * one `path | text` line per line, so a changed sentence shows up as one changed line.
 */
export function flatten(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${path || '.'} = []`];
    return value.flatMap((v, i) => flatten(v, `${path}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [`${path || '.'} = {}`];
    return entries.flatMap(([k, v]) => flatten(v, path ? `${path}.${k}` : k));
  }
  if (typeof value === 'string' && value.includes('\n')) {
    return value.split('\n').map((l) => `${path || '.'} | ${l}`);
  }
  return [`${path || '.'} = ${JSON.stringify(value)}`];
}

/** Longest-common-subsequence line diff (inputs are small: one template each). */
export function diffLines(a: string[], b: string[]): DiffLine[] {
  const left = a.slice(0, MAX_LINES);
  const right = b.slice(0, MAX_LINES);
  const n = left.length;
  const m = right.length;
  // lcs[i][j] = LCS length of left[i..] and right[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i]!;
      row[j] = left[i] === right[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, row[j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (left[i] === right[j]) {
      out.push({ op: 'same', line: left[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: 'removed', line: left[i++]! });
    } else {
      out.push({ op: 'added', line: right[j++]! });
    }
  }
  while (i < n) out.push({ op: 'removed', line: left[i++]! });
  while (j < m) out.push({ op: 'added', line: right[j++]! });
  return out;
}

/** Diff of two JSON values, field by field and line by line. */
export function diffContent(a: unknown, b: unknown): DiffLine[] {
  return diffLines(flatten(a), flatten(b));
}
