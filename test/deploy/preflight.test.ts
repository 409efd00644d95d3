import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeActiveReceiptRuleSetCommand, SESClient } from '@aws-sdk/client-ses';
import { GetAccountCommand, GetEmailIdentityCommand, NotFoundException, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import type { CheckResult, PreflightClients } from '../../deploy/preflight/checks';
import { formatChecklist, hasBlocker, preflight } from '../../deploy/preflight/checks';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Clients for one account, each mocked at the SDK level; the MX resolver is a fake (no DNS in tests). */
function account(region: string, mx: { exchange: string; priority: number }[] | 'none') {
  const sesv2 = new SESv2Client({ region, credentials });
  const ses = new SESClient({ region, credentials });
  const lambda = new LambdaClient({ region, credentials });
  const cloudformation = new CloudFormationClient({ region, credentials });
  const mocks = {
    sesv2: mockClient(sesv2),
    ses: mockClient(ses),
    lambda: mockClient(lambda),
    cloudformation: mockClient(cloudformation),
  };
  const mxLookups: string[] = [];
  const clients: PreflightClients = {
    sesv2,
    ses,
    lambda,
    cloudformation,
    resolveMx: async (domain) => {
      mxLookups.push(domain);
      if (mx === 'none') throw Object.assign(new Error('queryMx ENODATA'), { code: 'ENODATA' });
      return mx;
    },
  };
  return { clients, mocks, mxLookups };
}

const byName = (results: CheckResult[], prefix: string): CheckResult => {
  const found = results.find((r) => r.name.startsWith(prefix));
  if (!found) throw new Error(`no check named ${prefix}: ${results.map((r) => r.name).join(', ')}`);
  return found;
};

function ready(a: ReturnType<typeof account>): void {
  a.mocks.sesv2.on(GetAccountCommand).resolves({
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    EnforcementStatus: 'HEALTHY',
    SendQuota: { Max24HourSend: -1, MaxSendRate: 14, SentLast24Hours: 3 },
  });
  a.mocks.sesv2
    .on(GetEmailIdentityCommand)
    .resolves({ VerifiedForSendingStatus: true, DkimAttributes: { Status: 'SUCCESS' } });
  a.mocks.ses.on(DescribeActiveReceiptRuleSetCommand).resolves({});
  a.mocks.lambda
    .on(GetAccountSettingsCommand)
    .resolves({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 } });
  a.mocks.cloudformation.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves({
    Stacks: [
      {
        StackName: 'CDKToolkit',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(0),
        Outputs: [{ OutputKey: 'BootstrapVersion', OutputValue: '29' }],
      },
    ],
  });
}

const input = { region: 'us-east-1', domain: 'help.exchange.test' };

describe('npm run preflight', () => {
  it('passes a ready account: production access, unlimited quota, verified identity, MX on SES, bootstrapped', async () => {
    const a = account('us-east-1', [{ exchange: 'inbound-smtp.us-east-1.amazonaws.com', priority: 10 }]);
    ready(a);
    const results = await preflight(a.clients, input);
    expect(results.filter((r) => r.status === 'warn' || r.status === 'blocker')).toEqual([]);
    expect(hasBlocker(results)).toBe(false);
    expect(byName(results, 'SES sending quota').detail).toContain('unlimited, 14 a second');
    expect(byName(results, 'Active receipt rule set').detail).toContain('no rule set is active');
    expect(byName(results, 'CDK bootstrap').detail).toContain('bootstrap version 29');
    expect(a.mocks.sesv2.commandCalls(GetEmailIdentityCommand)[0]!.args[0].input).toEqual({
      EmailIdentity: 'help.exchange.test',
    });
    expect(a.mxLookups).toEqual(['help.exchange.test']);
    expect(formatChecklist(results, input)).toContain('no blockers, 0 warning(s)');
  });

  it('blocks a sandboxed account and says how to leave the sandbox; flags low quotas and concurrency', async () => {
    const a = account('us-east-1', 'none');
    ready(a);
    a.mocks.sesv2.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 0 },
    });
    a.mocks.sesv2.on(GetEmailIdentityCommand).rejects(new NotFoundException({ message: 'not found', $metadata: {} }));
    a.mocks.ses
      .on(DescribeActiveReceiptRuleSetCommand)
      .resolves({ Metadata: { Name: 'corp-rules' }, Rules: [{ Name: 'a' }] });
    a.mocks.lambda
      .on(GetAccountSettingsCommand)
      .resolves({ AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 } });
    const results = await preflight(a.clients, input);

    expect(hasBlocker(results)).toBe(true);
    expect(byName(results, 'SES production access')).toMatchObject({
      status: 'blocker',
      fix: expect.stringContaining('Request production access'),
    });
    expect(byName(results, 'SES sending quota')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('200 a day, 1 a second'),
    });
    expect(byName(results, 'Lambda concurrency')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('1000'),
    });
    expect(byName(results, 'SES identity')).toMatchObject({ status: 'info' });
    expect(byName(results, 'Active receipt rule set')).toMatchObject({
      status: 'info',
      detail: expect.stringContaining('corp-rules'),
    });
    expect(byName(results, 'MX of')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('MX 10 inbound-smtp.us-east-1.amazonaws.com'),
    });
    const printed = formatChecklist(results, input);
    expect(printed).toContain('[BLOCKER] SES production access');
    expect(printed).toContain('1 blocker(s), 3 warning(s): not ready');
  });

  it('blocks a region without SES receiving and skips the receiving-only calls', async () => {
    const a = account('eu-north-1', [{ exchange: 'mx.example.net', priority: 10 }]);
    ready(a);
    const results = await preflight(a.clients, { region: 'eu-north-1', domain: 'help.exchange.test' });
    expect(byName(results, 'SES receiving in region')).toMatchObject({
      status: 'blocker',
      detail: expect.stringContaining('region eu-north-1 has no SES email receiving'),
    });
    expect(hasBlocker(results)).toBe(true);
    expect(a.mocks.ses.commandCalls(DescribeActiveReceiptRuleSetCommand)).toHaveLength(0);
    expect(a.mxLookups).toEqual([]);
  });

  it('blocks an unbootstrapped region and one it cannot read', async () => {
    const a = account('us-east-1', [{ exchange: 'inbound-smtp.us-east-1.amazonaws.com', priority: 10 }]);
    ready(a);
    a.mocks.cloudformation
      .on(DescribeStacksCommand)
      .rejects(Object.assign(new Error('Stack with id CDKToolkit does not exist'), { name: 'ValidationError' }));
    a.mocks.lambda
      .on(GetAccountSettingsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const results = await preflight(a.clients, input);
    expect(byName(results, 'CDK bootstrap')).toMatchObject({
      status: 'blocker',
      fix: 'npx cdk bootstrap aws://<account-id>/us-east-1',
    });
    expect(byName(results, 'Lambda concurrency')).toMatchObject({
      status: 'blocker',
      detail: expect.stringContaining('AccessDeniedException'),
    });
  });
});
