import './styles.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { setApiBase } from './api';
import { finishCognitoSignIn, installCognitoSignOut, startCognitoSignIn } from './cognito';
import { loadConfig, type ConsoleConfig } from './config';
import { CasePage } from './pages/case-page';
import { Dashboard } from './pages/dashboard';
import { ExportPage } from './pages/export-page';
import { MacrosPage } from './pages/macros-page';
import { Queue } from './pages/queue';
import { SignIn } from './pages/sign-in';
import { BASE, navigate, onLinkClick, route } from './router';
import { hasRole, session, signIn, signOut } from './session';

/**
 * `#token=<JWT>` on any console URL signs in with that token (the local stack's `npm run token`), then
 * the fragment is removed from the address bar and the history so it is not copied along with the link.
 */
function signInFromFragment(): void {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  try {
    signIn(decodeURIComponent(m[1]!));
  } catch {
    // a broken token: the sign-in page shows
  }
  history.replaceState(null, '', location.pathname + location.search);
}

function Nav() {
  const s = session.value!;
  return (
    <header class="top">
      <a class="brand" href={`${BASE}/`}>
        Docket
      </a>
      <nav aria-label="Main">
        <a href={`${BASE}/`} aria-current={route.value === '/' ? 'page' : undefined}>
          Queue
        </a>
        {hasRole('supervisor', 'auditor') && (
          <a href={`${BASE}/dashboard`} aria-current={route.value === '/dashboard' ? 'page' : undefined}>
            Dashboard
          </a>
        )}
        {hasRole('supervisor', 'auditor') && (
          <a href={`${BASE}/macros`} aria-current={route.value === '/macros' ? 'page' : undefined}>
            Saved replies
          </a>
        )}
        {hasRole('supervisor', 'auditor') && (
          <a href={`${BASE}/export`} aria-current={route.value === '/export' ? 'page' : undefined}>
            Export
          </a>
        )}
      </nav>
      <span class="who">
        {s.sub} · {s.roles.join(', ') || 'no role'}
      </span>
      <button type="button" onClick={signOut}>
        Sign out
      </button>
    </header>
  );
}

function Page() {
  const path = route.value;
  const c = /^\/cases\/([^/]+)$/.exec(path);
  if (c) return <CasePage tracking={decodeURIComponent(c[1]!)} />;
  if (path === '/dashboard') return <Dashboard />;
  if (path === '/export') return <ExportPage />;
  if (path === '/macros') return <MacrosPage />;
  return <Queue />;
}

function App({ config }: { config: ConsoleConfig }) {
  if (!session.value) {
    return (
      <main id="main">
        <SignIn
          config={config}
          onCognito={() => config.mode === 'cognito' && void startCognitoSignIn(config, location.pathname)}
        />
      </main>
    );
  }
  return (
    <div onClick={onLinkClick}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Nav />
      <main id="main">
        <Page />
      </main>
    </div>
  );
}

function Boot() {
  const [config, setConfig] = useState<ConsoleConfig | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    (async () => {
      const cfg = await loadConfig();
      setApiBase(cfg.apiUrl);
      signInFromFragment();
      if (cfg.mode === 'cognito') {
        installCognitoSignOut(cfg);
        if (location.pathname === `${BASE}/callback`) {
          const back = await finishCognitoSignIn(cfg);
          history.replaceState(null, '', back);
          navigate(back.slice(BASE.length) || '/');
        }
      }
      setConfig(cfg);
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error)
    return (
      <main id="main">
        <p role="alert">{error}</p>
      </main>
    );
  if (!config)
    return (
      <main id="main">
        <p>Loading…</p>
      </main>
    );
  return <App config={config} />;
}

render(<Boot />, document.getElementById('app')!);
