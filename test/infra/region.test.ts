import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SES_RECEIVING_REGIONS, receivingRegionProblem } from '../../lib/ses-receiving-regions';

const ROOT = path.join(__dirname, '../..');

describe('the CDK app in a region without SES receiving', () => {
  it('refuses to synthesize with a message naming the region and the receiving regions', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CDK_DEFAULT_REGION: 'eu-north-1', CDK_CONTEXT_JSON: '{}' };
    const result = spawnSync('npx', ['tsx', 'bin/docket.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('docket: region eu-north-1 has no SES email receiving');
    expect(result.stderr).toContain('us-east-1, us-east-2');
  }, 60_000);

  it('accepts every listed receiving region and only those', () => {
    expect(SES_RECEIVING_REGIONS.filter((r) => receivingRegionProblem(r) !== undefined)).toEqual([]);
    expect(receivingRegionProblem('ap-south-2')).toContain('no SES email receiving');
  });
});

describe('a synth for a concrete account and region', () => {
  // A real deploy names its account and region: cdk-nag then sees literal ARNs instead of tokens, and every
  // acknowledged finding must still match. The region is one this release does not list, allowed explicitly.
  it('passes cdk-nag, and assumeSesReceiving=true admits an unlisted receiving region', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CDK_DEFAULT_REGION: 'eu-north-1',
      CDK_DEFAULT_ACCOUNT: '123456789012',
      CDK_CONTEXT_JSON: JSON.stringify({ assumeSesReceiving: 'true' }),
      CDK_OUTDIR: mkdtempSync(path.join(tmpdir(), 'docket-synth-')),
    };
    const result = spawnSync('npx', ['tsx', 'bin/docket.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 240_000 });
    expect(result.stderr).not.toContain('docket: region eu-north-1 has no SES email receiving');
    expect(result.stderr).not.toContain('ERROR');
    expect(result.status).toBe(0);
  }, 240_000);
});
