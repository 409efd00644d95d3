import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');

/** Runs bin/docket.ts the way `cdk synth` does: context in CDK_CONTEXT_JSON, output in CDK_OUTDIR. */
function runApp(context: Record<string, unknown>): { status: number | null; stderr: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-app-'));
  const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, ...context }),
  };
  delete env.CDK_DEFAULT_ACCOUNT;
  delete env.CDK_DEFAULT_REGION;
  const result = spawnSync('npx', ['tsx', 'bin/docket.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stderr: result.stderr, outdir };
}

describe('the CDK app (bin/docket.ts)', () => {
  it('synthesizes the example exchange with no context, no credentials and no lookups', () => {
    const { status, stderr, outdir } = runApp({});
    expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Docket.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const identity = Object.values(template.Resources).find((r) => r.Type === 'AWS::SES::EmailIdentity');
    expect(identity?.Properties.EmailIdentity).toBe('exchange.example');
    const manifest = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
    expect(manifest).not.toContain('missing'); // no context lookups were needed
    expect(fs.readFileSync(path.join(outdir, 'Docket.metadata.json'), 'utf8')).toContain(
      'synthesizing the example exchange',
    );
  }, 120_000);

  it('exits with a message naming the missing context when a domain is given without the firm profile', () => {
    const { status, stderr } = runApp({ domain: 'acme.test' });
    expect(status).toBe(1);
    expect(stderr).toContain(
      'docket: missing context for domain acme.test: firmName, phone, faqUrl, complaintsMailingAddress',
    );
  }, 60_000);
});
