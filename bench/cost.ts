/**
 * US East (N. Virginia, us-east-1) list prices assumed by the estimates (USD), as published on the AWS pricing
 * pages: DynamoDB on-demand after the November 2024 reduction, Standard table class; S3 Standard; SQS
 * standard queues; Lambda on arm64; SES; KMS. Free tiers are left out.
 */
export const PRICES = {
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  sqsPerMillionRequests: 0.4,
  dynamoPerMillionWrites: 0.625,
  dynamoPerMillionReads: 0.125,
  dynamoPerGbMonth: 0.25,
  s3PerThousandPut: 0.005,
  s3PerThousandGet: 0.0004,
  s3StandardPerGbMonth: 0.023,
  sesPerThousandSent: 0.1,
  sesPerThousandReceived: 0.1,
  sesPerThousandReceivedChunks: 0.09,
  kmsPerTenThousandRequests: 0.03,
  kmsPerKeyMonth: 1,
} as const;

/**
 * Per-mail request counts, read roughly off the code paths (lambdas/app/intake/process-inbound.ts,
 * the DynamoDB case repository and the mailer) for the common case: a new human mail that is acknowledged.
 * Transactional writes bill two write units per item, which is why writes are high.
 */
export const PER_MAIL = {
  /** Intake: SES# + MSGID# idempotency reads, thread lookup, deadline planning reads. Mailer: case, events, idempotency. */
  dynamoReads: 8,
  /** Intake: ACK counter, TransactWrite of case+message+event+Message-ID link+2 idempotency keys (6 items x 2), backlog counter. Mailer: TransactWrite of case+event+send record (3 x 2). */
  dynamoWriteUnits: 20,
  /** S3 event -> inbound send, Lambda poll receive+delete (batched /10, rounded up to 1), outbound send+receive+delete, ~2 delayed timer messages + their receive/delete. */
  sqsRequests: 10,
  s3Puts: 1,
  /** Intake reads the raw mail; the mailer does not. */
  s3Gets: 1,
  sesSent: 1,
  sesReceivedChunks: 1,
  /** Intake and mailer are invoked per batch of 10 records. */
  lambdaInvocations: 0.2,
} as const;

export interface CostInput {
  /** Measured wall time of the intake per message against the local parts (ms). */
  readonly intakeMsPerMessage: number;
  readonly intakeMemoryMb: number;
  /** Mailer work per message (ms); not measured on its own, assumed equal to the intake's (conservative). */
  readonly mailerMsPerMessage: number;
  readonly mailerMemoryMb: number;
  /**
   * Requests and capacity per mail measured through the real handlers (bench/mail-requests.ts); without
   * them the counts read off the code (PER_MAIL) are used.
   */
  readonly measured?: {
    readonly dynamoReadUnits: number;
    readonly dynamoWriteUnits: number;
    /** PUT-class S3 requests of the handlers (PutObject, PutObjectRetention), without SES's store of the raw mail. */
    readonly s3PutClass: number;
    readonly s3Gets: number;
  };
}

export interface CostLine {
  readonly item: string;
  readonly usdPer1000: number;
  readonly basis: string;
}

/** Estimated USD per 1,000 emails, by service, from measured durations and the assumed prices and counts. */
export function estimateCostPer1000(input: CostInput): { lines: CostLine[]; totalUsd: number } {
  const m = input.measured;
  const writeUnits = m?.dynamoWriteUnits ?? PER_MAIL.dynamoWriteUnits;
  const readUnits = m?.dynamoReadUnits ?? PER_MAIL.dynamoReads;
  // SES's S3 action stores the raw mail: a PUT billed to the bucket's owner, not made by our clients.
  const s3Puts = m ? PER_MAIL.s3Puts + m.s3PutClass : PER_MAIL.s3Puts;
  const s3Gets = m?.s3Gets ?? PER_MAIL.s3Gets;
  const gbs = (ms: number, mb: number) => (ms / 1000) * (mb / 1024);
  const lambdaCompute =
    1000 *
    (gbs(input.intakeMsPerMessage, input.intakeMemoryMb) + gbs(input.mailerMsPerMessage, input.mailerMemoryMb)) *
    PRICES.lambdaArmPerGbSecond;
  const lines: CostLine[] = [
    {
      item: 'Lambda compute (arm64)',
      usdPer1000: lambdaCompute,
      basis: `intake ${input.intakeMsPerMessage.toFixed(1)} ms @ ${input.intakeMemoryMb} MB + mailer ${input.mailerMsPerMessage.toFixed(1)} ms @ ${input.mailerMemoryMb} MB per mail`,
    },
    {
      item: 'Lambda requests',
      usdPer1000: (1000 * PER_MAIL.lambdaInvocations * PRICES.lambdaPerMillionRequests) / 1e6,
      basis: `${PER_MAIL.lambdaInvocations} invocations per mail (batches of 10)`,
    },
    {
      item: 'SQS',
      usdPer1000: (1000 * PER_MAIL.sqsRequests * PRICES.sqsPerMillionRequests) / 1e6,
      basis: `~${PER_MAIL.sqsRequests} requests per mail`,
    },
    {
      item: 'DynamoDB writes',
      usdPer1000: (1000 * writeUnits * PRICES.dynamoPerMillionWrites) / 1e6,
      basis: m
        ? `${writeUnits.toFixed(1)} write units per mail, measured (capacity DynamoDB Local reports: transactions bill 2 per KB and item, index copies included)`
        : `~${writeUnits} write units per mail (transactions bill 2 per item)`,
    },
    {
      item: 'DynamoDB reads',
      usdPer1000: (1000 * readUnits * PRICES.dynamoPerMillionReads) / 1e6,
      basis: m ? `${readUnits.toFixed(1)} read units per mail, measured` : `~${readUnits} read units per mail`,
    },
    {
      item: 'S3',
      usdPer1000: s3Puts * PRICES.s3PerThousandPut + s3Gets * PRICES.s3PerThousandGet,
      basis: m
        ? `${fmtCount(s3Puts)} PUT-class (SES stores the raw mail; measured: ${fmtCount(m.s3PutClass)} by the handlers, the retention and the sent MIME) + ${fmtCount(s3Gets)} GET per mail`
        : '1 PUT (SES stores the raw mail) + 1 GET (intake)',
    },
    {
      item: 'SES receiving',
      usdPer1000: PRICES.sesPerThousandReceived + PER_MAIL.sesReceivedChunks * PRICES.sesPerThousandReceivedChunks,
      basis: 'per mail received + 1 incoming chunk (256 KB) per mail',
    },
    {
      item: 'SES sending',
      usdPer1000: PER_MAIL.sesSent * PRICES.sesPerThousandSent,
      basis: '1 acknowledgement per mail',
    },
  ];
  return { lines, totalUsd: lines.reduce((s, l) => s + l.usdPer1000, 0) };
}

const fmtCount = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));
