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

/**
 * Deploy-time custom resource (CloudFormation, through CDK's provider framework): decides which SES
 * receipt rule set Docket's rule goes into, without clobbering the account's existing receiving (one
 * rule set is active per region):
 *
 * - another set is active: Docket's rule joins it, after its existing rules; activation is not touched;
 * - none is active: Docket creates its own set and activates it; on delete it deactivates it again
 *   (restoring "none active") and deletes it if nothing but Docket's anchor is left in it;
 * - Docket's own set is already active (a retried create): it keeps using it.
 *
 * SES places a rule without `After` first, before the set's other rules. So that Docket's rule always
 * follows the existing ones, an empty target set gets a disabled, action-less anchor rule to come after;
 * the anchor is removed again on delete.
 */

/** The properties the construct passes (lib/receiving.ts). */
export interface RuleSetProperties {
  /** Name of the set Docket creates when none is active. */
  readonly OwnRuleSetName: string;
}

export interface RuleSetEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceProperties: RuleSetProperties;
  readonly PhysicalResourceId?: string;
}

export interface RuleSetResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: { readonly RuleSetName: string; readonly After: string };
}

/** Rule Docket adds to an empty set so its own rule can be placed `After` it. */
export const ANCHOR_RULE = 'docket-anchor';

/** What create decided, kept in the physical id so delete knows what to undo (rule set names have no `:`). */
interface Decision {
  readonly ruleSet: string;
  /** Docket created and activated this set (none was active). */
  readonly own: boolean;
  /** Docket added the anchor rule to this set. */
  readonly anchored: boolean;
  /** The rule Docket's rule follows. */
  readonly after: string;
}

const PREFIX = 'docket-receipt-rule-set';

export function encodeDecision(d: Decision): string {
  return [PREFIX, d.ruleSet, d.own ? 'own' : 'existing', d.anchored ? 'anchored' : 'plain', d.after].join(':');
}

export function decodeDecision(id: string | undefined): Decision | undefined {
  const parts = id?.split(':');
  if (!parts || parts.length !== 5 || parts[0] !== PREFIX) return undefined;
  const [, ruleSet, own, anchored, after] = parts as [string, string, string, string, string];
  return { ruleSet, own: own === 'own', anchored: anchored === 'anchored', after };
}

async function activeRuleSet(ses: SESClient): Promise<{ name: string; lastRule?: string } | undefined> {
  const out = await ses.send(new DescribeActiveReceiptRuleSetCommand({}));
  const name = out.Metadata?.Name;
  if (!name) return undefined;
  const last = out.Rules?.at(-1)?.Name;
  return last ? { name, lastRule: last } : { name };
}

async function rulesOf(ses: SESClient, ruleSet: string): Promise<string[]> {
  const out = await ses.send(new DescribeReceiptRuleSetCommand({ RuleSetName: ruleSet }));
  return (out.Rules ?? []).flatMap((r) => (r.Name ? [r.Name] : []));
}

async function addAnchor(ses: SESClient, ruleSet: string): Promise<void> {
  try {
    await ses.send(
      new CreateReceiptRuleCommand({ RuleSetName: ruleSet, Rule: { Name: ANCHOR_RULE, Enabled: false, Actions: [] } }),
    );
  } catch (err) {
    if ((err as Error).name !== 'AlreadyExistsException') throw err;
  }
}

async function create(ses: SESClient, props: RuleSetProperties): Promise<Decision> {
  const active = await activeRuleSet(ses);
  if (active && active.name !== props.OwnRuleSetName) {
    if (active.lastRule) return { ruleSet: active.name, own: false, anchored: false, after: active.lastRule };
    await addAnchor(ses, active.name);
    return { ruleSet: active.name, own: false, anchored: true, after: ANCHOR_RULE };
  }
  if (!active) {
    try {
      await ses.send(new CreateReceiptRuleSetCommand({ RuleSetName: props.OwnRuleSetName }));
    } catch (err) {
      if ((err as Error).name !== 'AlreadyExistsException') throw err;
    }
  }
  const rules = await rulesOf(ses, props.OwnRuleSetName);
  const after = rules.at(-1);
  if (!after) await addAnchor(ses, props.OwnRuleSetName);
  if (!active) await ses.send(new SetActiveReceiptRuleSetCommand({ RuleSetName: props.OwnRuleSetName }));
  return { ruleSet: props.OwnRuleSetName, own: true, anchored: !after, after: after ?? ANCHOR_RULE };
}

async function remove(ses: SESClient, d: Decision): Promise<void> {
  if (d.anchored) {
    try {
      await ses.send(new DeleteReceiptRuleCommand({ RuleSetName: d.ruleSet, RuleName: ANCHOR_RULE }));
    } catch (err) {
      if ((err as Error).name !== 'RuleSetDoesNotExistException') throw err;
    }
  }
  if (!d.own) return; // the customer's set: leave its activation and its rules alone
  let rules: string[];
  try {
    rules = await rulesOf(ses, d.ruleSet);
  } catch (err) {
    if ((err as Error).name === 'RuleSetDoesNotExistException') return;
    throw err;
  }
  // Someone put their own rules into Docket's set meanwhile: it is theirs now; keep it as it is.
  if (rules.some((r) => r !== ANCHOR_RULE)) return;
  const active = await activeRuleSet(ses);
  // Nothing was active before Docket activated its set: restore that.
  if (active?.name === d.ruleSet) await ses.send(new SetActiveReceiptRuleSetCommand({}));
  await ses.send(new DeleteReceiptRuleSetCommand({ RuleSetName: d.ruleSet }));
}

const respond = (d: Decision): RuleSetResponse => ({
  PhysicalResourceId: encodeDecision(d),
  Data: { RuleSetName: d.ruleSet, After: d.after },
});

/** The create/update/delete logic, with the SES (v1: receiving has no v2 API) client injected. */
export async function onEvent(event: RuleSetEvent, ses: SESClient): Promise<RuleSetResponse> {
  const previous = decodeDecision(event.PhysicalResourceId);
  switch (event.RequestType) {
    case 'Create':
      return respond(await create(ses, event.ResourceProperties));
    case 'Update':
      // Moving the rule between sets on every update would reorder a customer's rules: keep the decision.
      return respond(previous ?? (await create(ses, event.ResourceProperties)));
    case 'Delete':
      if (previous) await remove(ses, previous);
      return { PhysicalResourceId: event.PhysicalResourceId ?? PREFIX };
  }
}

const client = new SESClient({});

/** Lambda entry point for CDK's provider framework. */
export const handler = (event: RuleSetEvent): Promise<RuleSetResponse> => onEvent(event, client);
