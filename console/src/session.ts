import { signal } from '@preact/signals';
import type { Role } from './types';

/** The signed-in user. Kept in memory only: a reload signs in again (no token in any storage). */
export interface Session {
  readonly token: string;
  readonly sub: string;
  readonly roles: readonly Role[];
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export const session = signal<Session | undefined>(undefined);

const ROLES: readonly Role[] = ['agent', 'supervisor', 'auditor'];

/**
 * Reads who a token names, for display and for hiding what a role may not do. The API verifies the
 * token; the console only decodes it (a forged one gets 401 from the API, which signs out).
 */
export function sessionFrom(token: string): Session {
  const part = token.split('.')[1];
  if (!part) throw new Error('that is not a JWT');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<
    string,
    unknown
  >;
  const groups = claims['cognito:groups'];
  const raw = Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? groups.split(/[\s,]+/) : [];
  const roles = ROLES.filter((r) => raw.includes(r));
  const sub = String(claims.username ?? claims['cognito:username'] ?? claims.sub ?? '');
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 3600_000;
  return { token, sub, roles, expiresAt: exp };
}

export function signIn(token: string): void {
  session.value = sessionFrom(token);
}

let onSignOut: () => void = () => {};
/** What signing out also does (the Cognito flow ends the managed-login session). */
export function setSignOutHook(hook: () => void): void {
  onSignOut = hook;
}

export function signOut(): void {
  session.value = undefined;
  onSignOut();
}

export function hasRole(...roles: Role[]): boolean {
  return session.value?.roles.some((r) => roles.includes(r)) ?? false;
}

/** The subject the API records as the actor (assignee values use it too). */
export function me(): string {
  return session.value?.sub ?? '';
}
