import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../local/handler-loader';
import { loadOrCreateSecrets } from '../../local/local-secrets';
import { verifyLocalToken } from '../../local/tokens';

const run = promisify(execFile);
/** The `token` script's own command line (`node --import tsx local/token-cli.ts`), run with this Node. */
const TOKEN_ARGS = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { token: string } }
).scripts.token
  .split(' ')
  .slice(1);

describe('npm run token', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'docket-token-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const token = (...args: string[]) =>
    run(process.execPath, [...TOKEN_ARGS, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DOCKET_DATA_DIR: dataDir },
    });

  it('prints only a JWT that the local gateway key verifies, with the role in cognito:groups', async () => {
    const { stdout, stderr } = await token('--role', 'auditor', '--sub', 'carol', '--ttl', '120');
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = await verifyLocalToken(stdout.trim(), loadOrCreateSecrets(dataDir).jwtSecret);
    expect(claims).toMatchObject({ sub: 'carol', 'cognito:groups': ['auditor'] });
    expect(claims.exp! - claims.iat!).toBe(120);
  }, 20_000);

  it('refuses an unknown role with a non-zero exit and prints no token', async () => {
    await expect(token('--role', 'admin')).rejects.toMatchObject({ code: 2, stdout: '' });
  }, 20_000);
});
