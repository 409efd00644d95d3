import {
  CreateReceiptRuleCommand,
  CreateReceiptRuleSetCommand,
  DeleteReceiptRuleCommand,
  DeleteReceiptRuleSetCommand,
  DescribeActiveReceiptRuleSetCommand,
  DescribeReceiptRuleSetCommand,
  SESClient,
  SetActiveReceiptRuleSetCommand,
} from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { ANCHOR_RULE, onEvent, type RuleSetEvent } from '../../lambdas/deploy/receipt-rule-set';

const OWN = 'docket-rules';
const ses = mockClient(SESClient);
const client = new SESClient({ region: 'eu-west-1' });
const props = { OwnRuleSetName: OWN };
const event = (RequestType: RuleSetEvent['RequestType'], PhysicalResourceId?: string): RuleSetEvent => ({
  RequestType,
  ResourceProperties: props,
  ...(PhysicalResourceId ? { PhysicalResourceId } : {}),
});
const calls = (command: Parameters<typeof ses.commandCalls>[0]) =>
  ses.commandCalls(command).map((c) => c.args[0].input);

beforeEach(() => ses.reset());

describe('receipt rule set custom resource: none active', () => {
  it('creates Docket own set with an anchor rule, activates it, and puts the rule after the anchor', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({});
    ses.on(DescribeReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [] });
    const out = await onEvent(event('Create'), client);
    expect(out.Data).toEqual({ RuleSetName: OWN, After: ANCHOR_RULE });
    expect(calls(CreateReceiptRuleSetCommand)).toEqual([{ RuleSetName: OWN }]);
    expect(calls(CreateReceiptRuleCommand)).toEqual([
      { RuleSetName: OWN, Rule: { Name: ANCHOR_RULE, Enabled: false, Actions: [] } },
    ]);
    expect(calls(SetActiveReceiptRuleSetCommand)).toEqual([{ RuleSetName: OWN }]);
  });

  it('on delete deactivates its set again (nothing was active before) and deletes it', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({});
    ses.on(DescribeReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [] });
    const created = await onEvent(event('Create'), client);
    ses.reset();
    ses.on(DescribeReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [] });
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [] });
    await onEvent(event('Delete', created.PhysicalResourceId), client);
    expect(calls(DeleteReceiptRuleCommand)).toEqual([{ RuleSetName: OWN, RuleName: ANCHOR_RULE }]);
    expect(calls(SetActiveReceiptRuleSetCommand)).toEqual([{}]);
    expect(calls(DeleteReceiptRuleSetCommand)).toEqual([{ RuleSetName: OWN }]);
  });

  it('on delete keeps its set when someone has added rules of their own to it', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({});
    ses.on(DescribeReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [] });
    const created = await onEvent(event('Create'), client);
    ses.reset();
    ses.on(DescribeReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [{ Name: 'theirs' }] });
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [{ Name: 'theirs' }] });
    await onEvent(event('Delete', created.PhysicalResourceId), client);
    expect(calls(SetActiveReceiptRuleSetCommand)).toEqual([]);
    expect(calls(DeleteReceiptRuleSetCommand)).toEqual([]);
  });
});

describe('receipt rule set custom resource: another set active', () => {
  it("joins the customer's active set after its last rule and touches neither activation nor its rules", async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({
      Metadata: { Name: 'corp' },
      Rules: [{ Name: 'staff' }, { Name: 'catch-all' }],
    });
    const out = await onEvent(event('Create'), client);
    expect(out.Data).toEqual({ RuleSetName: 'corp', After: 'catch-all' });
    expect(calls(CreateReceiptRuleSetCommand)).toEqual([]);
    expect(calls(CreateReceiptRuleCommand)).toEqual([]);
    expect(calls(SetActiveReceiptRuleSetCommand)).toEqual([]);

    ses.reset();
    await onEvent(event('Delete', out.PhysicalResourceId), client);
    expect(ses.calls()).toHaveLength(0); // CloudFormation removes Docket's rule; the set stays as it was
  });

  it('anchors an empty active set, and removes only the anchor on delete', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: 'corp' }, Rules: [] });
    const out = await onEvent(event('Create'), client);
    expect(out.Data).toEqual({ RuleSetName: 'corp', After: ANCHOR_RULE });
    expect(calls(CreateReceiptRuleCommand)).toEqual([
      { RuleSetName: 'corp', Rule: { Name: ANCHOR_RULE, Enabled: false, Actions: [] } },
    ]);
    ses.reset();
    await onEvent(event('Delete', out.PhysicalResourceId), client);
    expect(calls(DeleteReceiptRuleCommand)).toEqual([{ RuleSetName: 'corp', RuleName: ANCHOR_RULE }]);
    expect(calls(SetActiveReceiptRuleSetCommand)).toEqual([]);
    expect(calls(DeleteReceiptRuleSetCommand)).toEqual([]);
  });

  it('keeps its decision on update instead of moving the rule between sets', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: 'corp' }, Rules: [{ Name: 'staff' }] });
    const out = await onEvent(event('Create'), client);
    ses.reset();
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: 'other' }, Rules: [] });
    const updated = await onEvent(event('Update', out.PhysicalResourceId), client);
    expect(updated).toEqual(out);
    expect(ses.calls()).toHaveLength(0);
  });
});

describe('receipt rule set custom resource: ours active', () => {
  it('uses its own active set after its last rule, without creating or re-activating it', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [{ Name: 'older' }] });
    ses.on(DescribeReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [{ Name: 'older' }] });
    const out = await onEvent(event('Create'), client);
    expect(out.Data).toEqual({ RuleSetName: OWN, After: 'older' });
    expect(calls(CreateReceiptRuleSetCommand)).toEqual([]);
    expect(calls(CreateReceiptRuleCommand)).toEqual([]);
    expect(calls(SetActiveReceiptRuleSetCommand)).toEqual([]);
  });

  it('on delete of its own empty active set deactivates and deletes it', async () => {
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [] });
    ses.on(DescribeReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [] });
    const out = await onEvent(event('Create'), client);
    expect(calls(SetActiveReceiptRuleSetCommand)).toEqual([]);
    ses.reset();
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [] });
    ses.on(DescribeReceiptRuleSetCommand).resolves({ Metadata: { Name: OWN }, Rules: [{ Name: ANCHOR_RULE }] });
    await onEvent(event('Delete', out.PhysicalResourceId), client);
    expect(calls(SetActiveReceiptRuleSetCommand)).toEqual([{}]);
    expect(calls(DeleteReceiptRuleSetCommand)).toEqual([{ RuleSetName: OWN }]);
  });
});
