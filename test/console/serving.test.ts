import { gzipSync } from 'node:zlib';
import { buildConsole, type ConsoleBundle } from '../../console/build';
import { startGateway, type Gateway } from '../../local/gateway';
import { silentLogger } from '../../local/log';
import { verifyLocalToken } from '../../local/tokens';

const SECRET = 'serving-test-secret-serving-test-secret';
let bundle: ConsoleBundle;
let gw: Gateway;
let apiCalls = 0;

beforeAll(async () => {
  bundle = await buildConsole();
  gw = await startGateway({
    port: 0,
    jwtSecret: SECRET,
    log: silentLogger(),
    console: bundle,
    handler: async () => {
      apiCalls++;
      return { statusCode: 200, body: '{}' };
    },
  });
}, 60_000);
afterAll(() => gw?.stop());

describe('the console on the local gateway', () => {
  it.each(['/console/', '/console/cases/K7QM-4TZX-P9HC', '/console/dashboard'])(
    'answers %s with the app, without a token',
    async (path) => {
      const res = await fetch(`${gw.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('/console/assets/app.js');
    },
  );

  it('sends the strict security headers CloudFront sends', async () => {
    const res = await fetch(`${gw.url}/console/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('serves the bundle and 404s an unknown asset instead of the app', async () => {
    expect((await fetch(`${gw.url}/console/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${gw.url}/console/assets/missing.js`)).status).toBe(404);
    expect(apiCalls).toBe(0);
  });

  it('ships at most 150 KB of gzipped JavaScript', () => {
    const js = [...bundle].filter(([path]) => path.endsWith('.js'));
    const gzipped = js.reduce((n, [, f]) => n + gzipSync(f.body).length, 0);
    expect(js.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(150 * 1024);
  });

  it('mints a local token for a role and refuses an unknown role', async () => {
    const ok = await fetch(`${gw.url}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ role: 'auditor', sub: 'ines' }),
    });
    expect(ok.status).toBe(200);
    const claims = await verifyLocalToken(((await ok.json()) as { token: string }).token, SECRET);
    expect(claims).toMatchObject({ sub: 'ines', 'cognito:groups': ['auditor'] });
    const bad = await fetch(`${gw.url}/local/token`, { method: 'POST', body: JSON.stringify({ role: 'root' }) });
    expect(bad.status).toBe(400);
  });
});
