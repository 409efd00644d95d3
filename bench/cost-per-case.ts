import { PRICES, type CostLine } from './cost';

/**
 * What one case costs over its life and its 7 years of records, beyond the mail itself. Counts and sizes
 * are assumptions read off the code paths and the synthetic history the scale section seeds (a case is
 * opened by one mail, answered once, resolved after days; ~2 mails in and ~3 out); each is named here so
 * the estimate can be redone with other numbers.
 */
export const PER_CASE = {
  mailsIn: 2,
  /** Acknowledgement, agent reply, closing mail. */
  mailsOut: 3,
  /** Case commits over its life: opened, acknowledgement recorded, reply, reply sent, resolved, closing mail sent, closed. */
  caseCommits: 7,
  /** Case item size (KB): customer, deadlines, plan, authentication verdicts, audit head. */
  caseItemKb: 4,
  /** Listing fields projected into the status index (KB). */
  statusIndexKb: 1,
  /** Messages and audit events written over the case's life (transactional: 2 write units per KB each). */
  otherItems: 12,
  otherItemKb: 2,
  /** Report counter items updated per commit (created-day groups and shards, resolution day, open gauge). */
  counterUpdatesPerCommit: 6,
  /** Days a case stays open (its deadlines are live meanwhile). */
  openDays: 4,
  /** Live deadlines of an open case (first response, next response, escalation, status update). */
  liveDeadlines: 4,
  /** Stored in DynamoDB for 7 years: case (+ its copy in the customer index), messages, events (KB). */
  dynamoKb: 40,
  /** Stored in S3 for 7 years: raw mail in (with attachments) and exact MIME out (KB). */
  s3Kb: 300,
  /** KMS requests per case (SQS and S3 reuse data keys; DynamoDB caches the table key): an upper bound. */
  kmsRequests: 5,
  /** Sweeper reads of the open-deadline index, per case (its few queries every 5 minutes, shared). */
  sweeperReads: 2,
} as const;

const YEARS = 7;
const MONTHS = YEARS * 12;
/** SQS's longest delay: before timers were armed by what is due, a timer not due yet was re-sent every 15 minutes. */
const HOPS_PER_HOUR = 4;
/**
 * A timer message: ~1.2 SQS requests (send, with receive and delete batched), a case read (strongly
 * consistent, ~4 KB: 1 read unit), ~20 ms of a 256 MB function, 1/10 of an invocation.
 */
const HOP = { sqs: 1.2, reads: 1, lambdaMs: 20, lambdaMb: 256, invocations: 0.1 };
/** Deadlines that fire over a case's life, and timer messages per fired deadline (README, "Timers at scale"). */
const FIRED = { deadlines: 6, messagesEach: 3 };

/**
 * Estimated USD per 1,000 cases, beyond the per-mail costs: deadline timers (armed when due; the old
 * 15-minute re-queue for comparison), DynamoDB writes including the index copies and the report
 * counters, 7 years of DynamoDB and S3 storage, KMS. Mail costs per case come from the per-mail estimate
 * times the mails of a case.
 */
export function estimateCasesPer1000(perMailUsd: number): { lines: CostLine[]; totalUsd: number } {
  const p = PER_CASE;
  const hop =
    (HOP.sqs * PRICES.sqsPerMillionRequests +
      HOP.reads * PRICES.dynamoPerMillionReads +
      HOP.invocations * PRICES.lambdaPerMillionRequests) /
      1e6 +
    (HOP.lambdaMs / 1000) * (HOP.lambdaMb / 1024) * PRICES.lambdaArmPerGbSecond;
  const hopsChained = p.liveDeadlines * HOPS_PER_HOUR * 24 * p.openDays;
  const hopsDueOnly = FIRED.deadlines * FIRED.messagesEach;
  // Each case write: base item (x2 in a transaction) + customer index (ALL: whole item) + status index +
  // due-time index (deadlines only, ~0.5 KB: 1 unit).
  const caseWriteUnits = p.caseItemKb * 2 + p.caseItemKb + p.statusIndexKb + 1;
  const writeUnits =
    p.caseCommits * (caseWriteUnits + p.counterUpdatesPerCommit * 2) + p.otherItems * p.otherItemKb * 2;
  const lines: CostLine[] = [
    {
      item: 'mail (per-mail estimate x mails per case)',
      usdPer1000: (perMailUsd / 1000) * (p.mailsIn + p.mailsOut) * 1000,
      basis: `${p.mailsIn} in + ${p.mailsOut} out at the per-1,000-mails total above (an upper bound: outgoing mail skips intake)`,
    },
    {
      item: 'deadline timers (armed within 15 minutes of due)',
      usdPer1000: 1000 * (hopsDueOnly * hop + (p.sweeperReads * PRICES.dynamoPerMillionReads) / 1e6),
      basis: `${FIRED.deadlines} fired deadlines x ${FIRED.messagesEach} timer messages + sweeper index reads; a message = ${HOP.sqs} SQS requests + ${HOP.reads} read unit + ${HOP.lambdaMs} ms @ ${HOP.lambdaMb} MB`,
    },
    {
      item: 'deadline timers, before (re-queued every 15 minutes while open)',
      usdPer1000: 1000 * hopsChained * hop,
      basis: `${p.liveDeadlines} live deadlines x ${HOPS_PER_HOUR} hops/h x ${p.openDays} days open = ${hopsChained} messages (for comparison; not in the total)`,
    },
    {
      item: 'DynamoDB writes incl. index copies and report counters',
      usdPer1000: (1000 * writeUnits * PRICES.dynamoPerMillionWrites) / 1e6,
      basis: `${p.caseCommits} case commits x (${caseWriteUnits} units: item x2 transactional + customer, status, due-time indexes + ${p.counterUpdatesPerCommit} counters x2) + ${p.otherItems} messages/events of ${p.otherItemKb} KB x2 = ${writeUnits} write units`,
    },
    {
      item: `DynamoDB storage, ${YEARS} years`,
      usdPer1000: 1000 * (p.dynamoKb / 1024 / 1024) * MONTHS * PRICES.dynamoPerGbMonth,
      basis: `${p.dynamoKb} KB per case (items + customer index copy) x ${MONTHS} months`,
    },
    {
      item: `S3 Standard storage, ${YEARS} years (Object Lock, no transition)`,
      usdPer1000: 1000 * (p.s3Kb / 1024 / 1024) * MONTHS * PRICES.s3StandardPerGbMonth,
      basis: `${p.s3Kb} KB per case (raw mail in, exact MIME out) x ${MONTHS} months`,
    },
    {
      item: 'KMS requests',
      usdPer1000: (1000 * p.kmsRequests * PRICES.kmsPerTenThousandRequests) / 10_000,
      basis: `<= ${p.kmsRequests} requests per case; the customer managed keys themselves are a fixed ${PRICES.kmsPerKeyMonth} USD/key/month, not per case`,
    },
  ];
  const counted = lines.filter((l) => !l.item.includes('before'));
  return { lines, totalUsd: counted.reduce((s, l) => s + l.usdPer1000, 0) };
}
