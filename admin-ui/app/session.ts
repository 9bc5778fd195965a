import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Role = 'admin' | 'editor' | 'reviewer' | 'staff' | 'leader' | 'discipline';

export interface Me {
  username: string;
  displayName?: string | null;
  roles: Role[];
  staffId?: string | null;
  csrfToken: string;
}

export interface Label { key: string; label: string }
/** GET /api/admin/labels: Chinese labels for every id the API returns. */
export interface Labels {
  roles: Label[]; statuses: Label[]; kinds: Label[]; channels: Label[]; actions: Label[];
  offices: { code: string; name: string }[]; services: Label[];
}

/** Used until /labels answers (or when the server is older than the contract). */
export const FALLBACK_LABELS: Labels = {
  roles: [
    { key: 'admin', label: '管理员' }, { key: 'editor', label: '编辑' }, { key: 'reviewer', label: '审核人' },
    { key: 'staff', label: '工作人员' }, { key: 'leader', label: '分管领导' }, { key: 'discipline', label: '纪检' },
  ],
  statuses: [], kinds: [], channels: [], actions: [], offices: [], services: [],
};

export interface Session {
  me: Me;
  labels: Labels;
  /** re-reads /me (after the user changed its own roles) */
  refresh(): Promise<void>;
  logout(): Promise<void>;
  /** back to the login form with a sentence saying why (the server ended the session) */
  ended(notice: string): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the logged-in app');
  return s;
}

export const hasAny = (me: Me, ...roles: Role[]): boolean => roles.some((r) => me.roles.includes(r));

/** Label lookup with the id as the last resort. */
export function labelOf(list: Label[], key: string | null | undefined): string {
  if (!key) return '—';
  return list.find((l) => l.key === key)?.label ?? key;
}

export const roleLabel = (labels: Labels, role: string): string => labelOf(labels.roles.length ? labels.roles : FALLBACK_LABELS.roles, role);
