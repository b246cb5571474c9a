import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from './api';

export interface Session {
  user: User;
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);
export const useSession = () => useContext(SessionContext)!;
export const isDrafter = (u: User) => u.role === 'drafter' || u.role === 'admin';
