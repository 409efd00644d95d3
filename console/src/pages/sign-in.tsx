import { useState } from 'preact/hooks';
import type { ConsoleConfig } from '../config';
import { signIn } from '../session';
import type { Role } from '../types';

const ROLES: ReadonlyArray<{ role: Role; what: string }> = [
  { role: 'agent', what: 'works cases: replies, notes, assignment, resolution' },
  { role: 'supervisor', what: 'everything an agent does, plus the dashboard, notices and reports' },
  { role: 'auditor', what: 'reads everything, changes nothing, downloads the export' },
];

/**
 * Locally: pick a role and a user name; the gateway mints a token signed with the local stack's key. On
 * AWS: one button to Cognito's managed login (authorization code with PKCE).
 */
export function SignIn({ config, onCognito }: { config: ConsoleConfig; onCognito: () => void }) {
  const [role, setRole] = useState<Role>('agent');
  const [name, setName] = useState('alice');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (config.mode === 'cognito') {
    return (
      <section class="signin">
        <h1>Sign in to Docket</h1>
        <button type="button" class="primary" onClick={onCognito}>
          Sign in
        </button>
      </section>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(`${config.apiUrl}/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role, sub: name.trim() }),
      });
      if (!res.ok) throw new Error(`the local stack refused the sign-in (${res.status})`);
      signIn(((await res.json()) as { token: string }).token);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="signin">
      <h1>Sign in to Docket</h1>
      <p class="hint">Local stack: pick a role; the gateway mints a token for it.</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Role</legend>
          {ROLES.map((r) => (
            <label key={r.role} class="choice">
              <input
                type="radio"
                name="role"
                value={r.role}
                checked={role === r.role}
                onChange={() => setRole(r.role)}
              />
              <span>
                <strong>{r.role[0]!.toUpperCase() + r.role.slice(1)}</strong> — {r.what}
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          User name
          <input
            name="user"
            required
            pattern="[A-Za-z0-9._@\-]+"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
        {error && <p role="alert">{error}</p>}
      </form>
    </section>
  );
}
