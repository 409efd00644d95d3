#!/usr/bin/env node
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONTEXT_KEYS, ContextError, docketContext } from '../lib/context';
import { DocketStack } from '../lib/docket-stack';
import { receivingRegionProblem } from '../lib/ses-receiving-regions';

/**
 * The CDK app: the only place that reads deploy-time context (`-c key=value`, cdk.json). Without
 * `-c domain=...` it synthesizes the example exchange, so `npx cdk synth` works offline and in CI.
 */
const app = new App();
let ctx;
try {
  ctx = docketContext((key) => app.node.tryGetContext(key));
} catch (err) {
  if (err instanceof ContextError) {
    console.error(`docket: ${err.message}\nknown context keys: ${CONTEXT_KEYS.join(', ')}`);
    process.exit(1);
  }
  throw err;
}

// An explicit region must offer SES receiving, or the receipt rule fails mid-deploy; without one (CI's
// environment-agnostic synth) there is nothing to check.
const region = process.env.CDK_DEFAULT_REGION;
const regionProblem = region ? receivingRegionProblem(region) : undefined;
const assumeReceiving = [true, 'true'].includes(app.node.tryGetContext('assumeSesReceiving') as boolean | string);
if (regionProblem && !assumeReceiving) {
  console.error(`docket: ${regionProblem}`);
  process.exit(1);
}

const { stackName, isExample, ...props } = ctx;
const stack = new DocketStack(app, stackName, {
  ...props,
  description: 'Docket: support-email intake and case tracking',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
});
if (regionProblem && assumeReceiving) {
  Annotations.of(stack).addWarningV2(
    'docket:unlisted-receiving-region',
    `${region} is not in Docket's list of SES receiving regions; going ahead because assumeSesReceiving=true: check the region's inbound-smtp endpoint before deploying`,
  );
}
if (isExample) {
  Annotations.of(stack).addWarningV2(
    'docket:example-profile',
    `no -c domain given: synthesizing the example exchange (${props.domain}); see docs/deploy.md before deploying`,
  );
}

if (app.node.tryGetContext('activateRuleSet') !== undefined) {
  Annotations.of(stack).addWarningV2(
    'docket:activate-rule-set-ignored',
    'context activateRuleSet is ignored: Docket now joins the active receipt rule set, or creates and activates its own only when none is active (docs/deploy.md)',
  );
}

// cdk-nag AwsSolutions runs on every synth; an unacknowledged error fails it (cdk-nag v3: Validations.of(app).addPlugins).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
