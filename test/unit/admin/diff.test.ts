import { describe, expect, it } from 'vitest';
import { diffContent, diffLines, flatten } from '../../../src/answers/store/diff.js';

describe('template diff', () => {
  it('flattens nested JSON into path lines, multi-line strings line by line', () => {
    expect(flatten({ title: '低保', steps: [{ who: '村委会' }], text: '第一行\n第二行', n: 1, empty: [] })).toEqual([
      'title = "低保"', 'steps[0].who = "村委会"', 'text | 第一行', 'text | 第二行', 'n = 1', 'empty = []',
    ]);
    expect(flatten('plain')).toEqual(['. = "plain"']);
  });

  it('shows a changed line as removed + added, with common lines kept', () => {
    expect(diffContent({ text: 'a\nb\nc' }, { text: 'a\nB\nc\nd' })).toEqual([
      { op: 'same', line: 'text | a' },
      { op: 'removed', line: 'text | b' },
      { op: 'added', line: 'text | B' },
      { op: 'same', line: 'text | c' },
      { op: 'added', line: 'text | d' },
    ]);
  });

  it('handles empty sides', () => {
    expect(diffLines([], ['x'])).toEqual([{ op: 'added', line: 'x' }]);
    expect(diffLines(['x'], [])).toEqual([{ op: 'removed', line: 'x' }]);
    expect(diffLines(['x'], ['x'])).toEqual([{ op: 'same', line: 'x' }]);
  });
});
