import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';
import { DocketStack, type DocketStackProps } from '../../lib/docket-stack';

// The same feature flags `cdk synth` uses, so tests see the template a deploy would get.
const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

export interface Synthesized {
  readonly app: App;
  readonly template: Template;
  readonly zoneTemplate: Template;
  /** `help.exchange.example` in the zone of `exchange.example`: the subdomain + parent zone case. */
  readonly subdomainTemplate: Template;
  /** cdk-nag and CloudFormation validation report written into the cloud assembly. */
  readonly report: ValidationReport;
}

export interface ValidationReport {
  readonly pluginReports: ReadonlyArray<{
    readonly pluginName: string;
    readonly violations: ReadonlyArray<{
      readonly ruleName: string;
      readonly severity: string;
      readonly violatingConstructs: ReadonlyArray<{ readonly constructPath: string }>;
    }>;
  }>;
}

/**
 * Synthesizes the example stack (no hosted zone), a variant with a hosted zone and an alarm address, and
 * one for a subdomain in its parent's zone, in one app, with cdk-nag AwsSolutions registered exactly as bin/docket.ts does. The seven handlers are
 * bundled once: the second stack reuses the staged assets (same source, same options).
 */
export function synthDocket(extra: Partial<DocketStackProps> = {}): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-infra-'));
  const app = new App({ context: cdkJson.context, outdir });
  const stack = new DocketStack(app, 'Docket', { domain: 'exchange.example', profile: EXAMPLE_PROFILE, ...extra });
  const zoneStack = new DocketStack(app, 'DocketWithZone', {
    domain: 'exchange.example',
    profile: EXAMPLE_PROFILE,
    hostedZone: { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'exchange.example' },
    alarmEmail: 'oncall@exchange.example',
    ...extra,
  });
  const subdomainStack = new DocketStack(app, 'DocketSubdomain', {
    domain: 'help.exchange.example',
    profile: {
      ...EXAMPLE_PROFILE,
      supportAddress: 'support@help.exchange.example',
      ownDomains: ['help.exchange.example'],
    },
    hostedZone: { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'exchange.example' },
    ...extra,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth(); // throws when cdk-nag reports an unacknowledged error
  const reportFile = path.join(assembly.directory, 'validation-report.json');
  const report: ValidationReport = fs.existsSync(reportFile)
    ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ValidationReport)
    : { pluginReports: [] };
  return {
    app,
    template: Template.fromStack(stack),
    zoneTemplate: Template.fromStack(zoneStack),
    subdomainTemplate: Template.fromStack(subdomainStack),
    report,
  };
}
