import { useEffect, useState } from 'preact/hooks';

/** The console's place: `#/cases?office=minzheng` → { section: 'cases', rest: [], params }. */
export interface Place { section: string; rest: string[]; params: URLSearchParams }

export function parsePlace(hash: string): Place {
  const h = hash.replace(/^#\/?/, '');
  const [path = '', qs = ''] = h.split('?', 2);
  const [section = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { section, rest, params: new URLSearchParams(qs) };
}

export function usePlace(): Place {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = (): void => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return parsePlace(hash);
}

export function go(section: string, rest: string[] = [], params?: Record<string, string> | URLSearchParams): void {
  const qs = params ? new URLSearchParams(params).toString() : '';
  location.hash = '#/' + [section, ...rest.map(encodeURIComponent)].join('/') + (qs ? '?' + qs : '');
}
