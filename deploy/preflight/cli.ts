import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESClient } from '@aws-sdk/client-ses';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { resolveMx } from 'node:dns/promises';
import { parseArgs } from 'node:util';
import { formatChecklist, hasBlocker, preflight } from './checks';

/**
 * `npm run preflight -- --region us-east-1 --domain help.exchange.com`: read-only checks of the account the
 * current AWS credentials belong to. Exit 0 when no blocker remains, 1 when one does, 2 on bad arguments.
 */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { region: { type: 'string' }, domain: { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    console.error(`preflight: ${(err as Error).message}`);
    return 2;
  }
  const region = values.region ?? process.env.AWS_REGION;
  const domain = values.domain?.trim().toLowerCase();
  if (!region || !domain) {
    console.error('usage: npm run preflight -- --region <aws-region> --domain <support-domain>');
    return 2;
  }
  const input = { region, domain };
  const results = await preflight(
    {
      sesv2: new SESv2Client({ region }),
      ses: new SESClient({ region }),
      lambda: new LambdaClient({ region }),
      cloudformation: new CloudFormationClient({ region }),
      resolveMx,
    },
    input,
  );
  console.log(formatChecklist(results, input));
  return hasBlocker(results) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`preflight: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
