import { useEffect, useState } from 'preact/hooks';

interface Toast { text: string; ok: boolean; id: number }
let push: (t: Toast) => void = () => undefined;
let seq = 0;

/** A short message at the bottom right: green for done, red for refused. */
export function toast(text: string, ok = true): void { push({ text, ok, id: ++seq }); }

export function ToastHost() {
  const [t, setT] = useState<Toast | null>(null);
  useEffect(() => {
    push = setT;
    return () => { push = () => undefined; };
  }, []);
  useEffect(() => {
    if (!t) return;
    const timer = setTimeout(() => setT(null), t.ok ? 3500 : 7000);
    return () => clearTimeout(timer);
  }, [t]);
  return t ? <div id="toast" role="status" class={t.ok ? 'ok' : 'err'}>{t.text}</div> : null;
}
