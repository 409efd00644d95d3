import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { GetAccountSettingsCommand } from '@aws-sdk/client-lambda';
import type { SESClient } from '@aws-sdk/client-ses';
import { DescribeActiveReceiptRuleSetCommand } from '@aws-sdk/client-ses';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetAccountCommand, GetEmailIdentityCommand } from '@aws-sdk/client-sesv2';
import type { MxRecord } from 'node:dns';
import { receivingRegionProblem } from '../../lib/ses-receiving-regions';

/**
 * Read-only checks of the account and region Docket is about to be deployed to. Every AWS call is a
 * Describe/Get; nothing is created or changed. Clients are passed in so tests mock them at the SDK level.
 */

/** `blocker`: the deploy or the first acknowledged mail fails until fixed. `warn`: fix before going live. */
export type Status = 'ok' | 'info' | 'warn' | 'blocker';

export interface CheckResult {
  readonly name: string;
  readonly status: Status;
  readonly detail: string;
  /** What to do about it (absent when nothing is to do). */
  readonly fix?: string;
}

export interface PreflightClients {
  readonly sesv2: SESv2Client;
  readonly ses: SESClient;
  readonly lambda: LambdaClient;
  readonly cloudformation: CloudFormationClient;
  /** MX lookup; `node:dns/promises` resolveMx in the CLI. */
  readonly resolveMx: (domain: string) => Promise<MxRecord[]>;
}

export interface PreflightInput {
  readonly region: string;
  readonly domain: string;
}

/** Lambda's default concurrent-executions quota; new accounts often start far lower. */
export const LAMBDA_CONCURRENCY_TARGET = 1000;
/** A daily sending quota that carries a support desk's first weeks (what SES often grants at first). */
export const SEND_QUOTA_TARGET = 50_000;
/** CDK's bootstrap stack (default qualifier). */
export const BOOTSTRAP_STACK = 'CDKToolkit';

const errName = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/** A call we could not make is a blocker: a preflight must not pass on what it could not see. */
const unreadable = (name: string, what: string, err: unknown): CheckResult => ({
  name,
  status: 'blocker',
  detail: `could not read ${what} (${errName(err)})`,
  fix: `run preflight with credentials for the target account that may call ${what} (read-only)`,
});

export function checkRegion({ region }: PreflightInput): CheckResult {
  const problem = receivingRegionProblem(region);
  return problem
    ? {
        name: 'SES receiving in region',
        status: 'blocker',
        detail: problem,
        fix: 'pick a receiving region (SES receiving and sending must be in the same region) and set AWS_REGION to it',
      }
    : { name: 'SES receiving in region', status: 'ok', detail: `${region} offers SES email receiving` };
}

export async function checkSesAccount(c: PreflightClients): Promise<CheckResult[]> {
  let account;
  try {
    account = await c.sesv2.send(new GetAccountCommand({}));
  } catch (err) {
    return [unreadable('SES account', 'ses:GetAccount', err)];
  }
  const results: CheckResult[] = [];
  if (account.EnforcementStatus === 'SHUTDOWN' || account.SendingEnabled === false) {
    results.push({
      name: 'SES sending enabled',
      status: 'blocker',
      detail: `sending is ${account.SendingEnabled === false ? 'disabled' : 'shut down'} (enforcement status ${account.EnforcementStatus ?? 'unknown'})`,
      fix: 'open a case with AWS Support (SES) to have sending re-enabled',
    });
  } else if (account.EnforcementStatus === 'PROBATION') {
    results.push({
      name: 'SES sending enabled',
      status: 'warn',
      detail: 'the account is on probation (bounce or complaint rate)',
      fix: 'read the SES reputation dashboard and fix the cause before adding Docket mail',
    });
  }
  results.push(
    account.ProductionAccessEnabled
      ? { name: 'SES production access', status: 'ok', detail: 'out of the sandbox' }
      : {
          name: 'SES production access',
          status: 'blocker',
          detail: 'sandbox: mail only to verified addresses, so acknowledgements to customers fail',
          fix: 'SES console -> Account dashboard -> Request production access (transactional support mail; docs/deploy.md)',
        },
  );
  const max24 = account.SendQuota?.Max24HourSend;
  const rate = account.SendQuota?.MaxSendRate;
  // -1 is how SES reports an unlimited 24-hour quota.
  const unlimited = max24 === -1;
  const daily = unlimited ? 'unlimited' : `${max24 ?? '?'} a day`;
  const low = !unlimited && (max24 === undefined || max24 < SEND_QUOTA_TARGET);
  results.push({
    name: 'SES sending quota',
    status: low ? 'warn' : 'ok',
    detail: `${daily}, ${rate ?? '?'} a second, ${account.SendQuota?.SentLast24Hours ?? 0} sent in the last 24 hours`,
    ...(low
      ? {
          fix: `request a sending quota increase (Service Quotas -> Amazon SES, or with production access) to at least ${SEND_QUOTA_TARGET} a day before going live`,
        }
      : {}),
  });
  return results;
}

export async function checkActiveRuleSet(c: PreflightClients): Promise<CheckResult> {
  const name = 'Active receipt rule set';
  try {
    const active = await c.ses.send(new DescribeActiveReceiptRuleSetCommand({}));
    const set = active.Metadata?.Name;
    return set
      ? {
          name,
          status: 'info',
          detail: `${set} is active with ${active.Rules?.length ?? 0} rule(s): Docket's rule will join it, after them`,
          fix: 'read docs/deploy.md "Receipt rules and an existing active rule set" before deploying',
        }
      : { name, status: 'info', detail: 'no rule set is active: Docket creates and activates its own' };
  } catch (err) {
    return unreadable(name, 'ses:DescribeActiveReceiptRuleSet', err);
  }
}

export async function checkIdentity(c: PreflightClients, { domain }: PreflightInput): Promise<CheckResult> {
  const name = `SES identity ${domain}`;
  let identity;
  try {
    identity = await c.sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
  } catch (err) {
    if (err instanceof Error && err.name === 'NotFoundException')
      return {
        name,
        status: 'info',
        detail: 'not in SES yet: the stack creates it with Easy DKIM',
        fix: 'after deploy, publish the DKIM CNAMEs from the stack outputs (or pass hostedZoneId)',
      };
    return unreadable(name, 'ses:GetEmailIdentity', err);
  }
  const dkim = identity.DkimAttributes?.Status ?? 'NOT_STARTED';
  if (identity.VerifiedForSendingStatus && dkim === 'SUCCESS')
    return { name, status: 'ok', detail: 'verified for sending, DKIM SUCCESS' };
  return {
    name,
    status: 'warn',
    detail: `verified for sending: ${identity.VerifiedForSendingStatus ? 'yes' : 'no'}, DKIM ${dkim}`,
    fix: 'publish the three DKIM CNAMEs (docs/deploy.md "DNS records") and wait for SES to verify them',
  };
}

export async function checkMx(c: PreflightClients, { domain, region }: PreflightInput): Promise<CheckResult> {
  const name = `MX of ${domain}`;
  const expected = `inbound-smtp.${region}.amazonaws.com`;
  const fix = `publish "${domain} MX 10 ${expected}" when going live (a subdomain if staff mail lives on the apex)`;
  let records: MxRecord[];
  try {
    records = await c.resolveMx(domain);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA')
      return { name, status: 'warn', detail: 'no MX record: mail to the domain bounces', fix };
    return { name, status: 'warn', detail: `MX lookup failed (${code ?? errName(err)})`, fix };
  }
  const hosts = records.map((r) => r.exchange.toLowerCase().replace(/\.$/, ''));
  if (hosts.length > 0 && hosts.every((h) => h === expected))
    return { name, status: 'ok', detail: `points at ${expected}` };
  return {
    name,
    status: 'warn',
    detail: `points at ${hosts.join(', ') || 'nothing'}, not (only) ${expected}: SES receives none or part of the mail`,
    fix,
  };
}

export async function checkLambdaConcurrency(c: PreflightClients): Promise<CheckResult> {
  const name = 'Lambda concurrency';
  try {
    const settings = await c.lambda.send(new GetAccountSettingsCommand({}));
    const limit = settings.AccountLimit?.ConcurrentExecutions;
    const unreserved = settings.AccountLimit?.UnreservedConcurrentExecutions;
    const detail = `${limit ?? '?'} concurrent executions (${unreserved ?? '?'} unreserved)`;
    return limit !== undefined && limit >= LAMBDA_CONCURRENCY_TARGET
      ? { name, status: 'ok', detail }
      : {
          name,
          status: 'warn',
          detail: `${detail}: new accounts start below the default ${LAMBDA_CONCURRENCY_TARGET}, so a mail burst throttles`,
          fix: `Service Quotas -> AWS Lambda -> Concurrent executions: request ${LAMBDA_CONCURRENCY_TARGET}`,
        };
  } catch (err) {
    return unreadable(name, 'lambda:GetAccountSettings', err);
  }
}

export async function checkBootstrap(c: PreflightClients, { region }: PreflightInput): Promise<CheckResult> {
  const name = `CDK bootstrap (${BOOTSTRAP_STACK})`;
  const fix = `npx cdk bootstrap aws://<account-id>/${region}`;
  try {
    const { Stacks } = await c.cloudformation.send(new DescribeStacksCommand({ StackName: BOOTSTRAP_STACK }));
    const stack = Stacks?.[0];
    const status = stack?.StackStatus ?? 'missing';
    const version = stack?.Outputs?.find((o) => o.OutputKey === 'BootstrapVersion')?.OutputValue;
    const ready = /_COMPLETE$/.test(status) && !/^(DELETE|ROLLBACK)_/.test(status) && status !== 'REVIEW_IN_PROGRESS';
    return ready
      ? { name, status: 'ok', detail: `${status}, bootstrap version ${version ?? '?'}` }
      : { name, status: 'blocker', detail: `bootstrap stack is ${status}`, fix };
  } catch (err) {
    // CloudFormation answers a missing stack with ValidationError "Stack with id CDKToolkit does not exist".
    if (err instanceof Error && /does not exist/.test(err.message))
      return { name, status: 'blocker', detail: 'the region is not bootstrapped', fix };
    return unreadable(name, 'cloudformation:DescribeStacks', err);
  }
}

/** Runs every check; a region without SES receiving skips the receiving-only calls (they would fail). */
export async function preflight(c: PreflightClients, input: PreflightInput): Promise<CheckResult[]> {
  const region = checkRegion(input);
  const receiving = region.status === 'ok' ? [await checkActiveRuleSet(c), await checkMx(c, input)] : [];
  return [
    region,
    ...(await checkSesAccount(c)),
    await checkIdentity(c, input),
    ...receiving,
    await checkLambdaConcurrency(c),
    await checkBootstrap(c, input),
  ];
}

const MARK: Record<Status, string> = { ok: '[ok]     ', info: '[info]   ', warn: '[warn]   ', blocker: '[BLOCKER]' };

/** The checklist as printed: one line per check, the fix indented under it. */
export function formatChecklist(results: readonly CheckResult[], input: PreflightInput): string {
  const lines = [`Docket preflight for ${input.domain} in ${input.region}`, ''];
  for (const r of results) {
    lines.push(`${MARK[r.status]} ${r.name}: ${r.detail}`);
    if (r.fix) lines.push(`          -> ${r.fix}`);
  }
  const blockers = results.filter((r) => r.status === 'blocker').length;
  const warnings = results.filter((r) => r.status === 'warn').length;
  lines.push(
    '',
    blockers > 0 ? `${blockers} blocker(s), ${warnings} warning(s): not ready` : `no blockers, ${warnings} warning(s)`,
  );
  return lines.join('\n');
}

export const hasBlocker = (results: readonly CheckResult[]): boolean => results.some((r) => r.status === 'blocker');
