import type { ComponentChildren } from 'preact';

/** An editable list: one row per item, add at the end, remove, move up and down. */
export function ListEditor<T>(props: {
  items: T[];
  onChange: (items: T[]) => void;
  blank: () => T;
  addLabel: string;
  row: (item: T, set: (next: T) => void, index: number) => ComponentChildren;
  rowClass?: string;
  emptyText?: string;
  id?: string;
}) {
  const { items, onChange } = props;
  const setAt = (i: number, v: T): void => onChange(items.map((x, j) => (j === i ? v : x)));
  const move = (i: number, d: number): void => {
    const j = i + d;
    if (j < 0 || j >= items.length) return;
    const next = [...items];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <div class="list-editor" id={props.id}>
      {items.length === 0 && props.emptyText ? <div class="muted">{props.emptyText}</div> : null}
      {items.map((item, i) => (
        <div class={'list-row ' + (props.rowClass ?? '')} data-index={i} key={i}>
          <div class="list-row-body">{props.row(item, (v) => setAt(i, v), i)}</div>
          <div class="list-row-tools">
            <button type="button" class="btn small" title="上移" aria-label="上移" disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
            <button type="button" class="btn small" title="下移" aria-label="下移" disabled={i === items.length - 1} onClick={() => move(i, 1)}>↓</button>
            <button type="button" class="btn small danger" data-action="remove" onClick={() => onChange(items.filter((_, j) => j !== i))}>删除</button>
          </div>
        </div>
      ))}
      <button type="button" class="btn small" data-action="add" onClick={() => onChange([...items, props.blank()])}>＋ {props.addLabel}</button>
    </div>
  );
}

/** A list of short texts edited one per line (aliases, FAQ question wordings …); blank lines are dropped on save. */
export function LinesInput(props: { value: string[]; onChange: (v: string[]) => void; name?: string; rows?: number; placeholder?: string }) {
  return (
    <textarea name={props.name} rows={props.rows ?? 2} placeholder={props.placeholder} value={props.value.join('\n')}
      onInput={(e) => props.onChange(e.currentTarget.value.split('\n'))} />
  );
}
