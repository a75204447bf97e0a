import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from '../auth/session';
import type { Api } from './api';
import type { Capabilities } from './capabilities';
import type { AppConfig } from './config';
import type { Realtime } from './realtime';
import type { UserView } from './types';

export interface AppServices {
  config: AppConfig;
  session: Session;
  api: Api;
  realtime: Realtime;
  caps: Capabilities;
  /** The staff directory (empty for customers, who may not read it). */
  users: UserView[];
  signOut(): void;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside the app');
  return app;
}

export function userName(users: UserView[], id: string | null | undefined): string {
  if (!id) return 'Unassigned';
  return users.find((u) => u.id === id)?.name ?? id;
}
