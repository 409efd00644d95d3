import type { ConsoleConfig } from './config';
import { session, sessionFrom, setSignOutHook } from './session';

type CognitoConfig = Extract<ConsoleConfig, { mode: 'cognito' }>;

/** The PKCE verifier must survive the redirect to the managed login page; it is not a credential by itself. */
const VERIFIER_KEY = 'docket.pkce';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

let refreshToken: string | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function redirectUri(): string {
  return `${location.origin}/console/callback`;
}

/** Starts the authorization-code flow with PKCE (RFC 7636, S256) on Cognito's managed login. */
export async function startCognitoSignIn(cfg: CognitoConfig, returnTo: string): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(VERIFIER_KEY, JSON.stringify({ verifier, state, returnTo }));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`${cfg.authDomain}/oauth2/authorize?${q}`);
}

async function tokenRequest(cfg: CognitoConfig, params: Record<string, string>): Promise<void> {
  const res = await fetch(`${cfg.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: cfg.clientId, ...params }),
  });
  if (!res.ok) throw new Error(`sign-in failed (${res.status})`);
  const t = (await res.json()) as { access_token: string; refresh_token?: string; expires_in: number };
  if (t.refresh_token) refreshToken = t.refresh_token;
  session.value = sessionFrom(t.access_token);
  clearTimeout(timer);
  timer = setTimeout(
    () =>
      void tokenRequest(cfg, { grant_type: 'refresh_token', refresh_token: refreshToken ?? '' }).catch(() => {
        session.value = undefined;
      }),
    Math.max(5_000, t.expires_in * 1000 - REFRESH_MARGIN_MS),
  );
}

/** On `/console/callback?code=&state=`: trades the code for tokens; returns where the user was going. */
export async function finishCognitoSignIn(cfg: CognitoConfig): Promise<string> {
  const q = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem(VERIFIER_KEY) ?? '{}') as {
    verifier?: string;
    state?: string;
    returnTo?: string;
  };
  sessionStorage.removeItem(VERIFIER_KEY);
  if (!q.get('code') || !saved.verifier || q.get('state') !== saved.state)
    throw new Error('the sign-in answer did not match this browser; sign in again');
  await tokenRequest(cfg, {
    grant_type: 'authorization_code',
    code: q.get('code')!,
    redirect_uri: redirectUri(),
    code_verifier: saved.verifier,
  });
  return saved.returnTo ?? '/console/';
}

/** Signing out also ends the managed-login session, so the next sign-in asks again. */
export function installCognitoSignOut(cfg: CognitoConfig): void {
  setSignOutHook(() => {
    refreshToken = undefined;
    clearTimeout(timer);
    const q = new URLSearchParams({ client_id: cfg.clientId, logout_uri: `${location.origin}/console/` });
    location.assign(`${cfg.authDomain}/logout?${q}`);
  });
}
