/**
 * Regions where Amazon SES offers email receiving (receipt rules, `inbound-smtp.<region>.amazonaws.com`).
 * Source: AWS General Reference, "Amazon Simple Email Service endpoints and quotas", table "Email
 * receiving endpoints" (https://docs.aws.amazon.com/general/latest/gr/ses.html): the ten regions listed
 * there, plus us-west-1, whose `inbound-smtp` endpoint is stamped on received mail in 2026. SES sends from
 * many more regions than it receives in; Docket needs both in one region. AWS keeps adding receiving
 * regions: when it does, add the region here (the CDK app and `npm run preflight` both read this list);
 * until a release lists it, `-c assumeSesReceiving=true` lets synth go ahead with a warning.
 */
export const SES_RECEIVING_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
];

export function supportsSesReceiving(region: string): boolean {
  return SES_RECEIVING_REGIONS.includes(region);
}

/** A one-line explanation for a region without SES receiving, or undefined when the region has it. */
export function receivingRegionProblem(region: string): string | undefined {
  if (supportsSesReceiving(region)) return undefined;
  return (
    `region ${region} has no SES email receiving, so Docket cannot receive mail there; ` +
    `deploy to one of ${SES_RECEIVING_REGIONS.join(', ')}, or pass -c assumeSesReceiving=true if AWS has added receiving there since (see docs/deploy.md)`
  );
}
