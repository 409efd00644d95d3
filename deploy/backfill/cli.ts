import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { DynamoBackfillTable } from '../../lambdas/adapters/dynamodb/backfill-table';
import { backfillLayout, type BackfillProgress } from '../../lambdas/app/migrations/backfill-layout';

const USAGE = 'usage: npm run backfill -- --source <restored table> --table <live table> [--segments N] [--region R]';

/** Parallel scan segments by default: each works one case at a time (docs/scale-migration.md, throughput). */
const DEFAULT_SEGMENTS = 16;
/** Each segment is a worker in this one process: beyond this the SDK's connection pool only queues them. */
const MAX_SEGMENTS = 100;

/**
 * `npm run backfill -- --source docket-backfill-source --table <table>`: brings a table written before the
 * sharded status index and the report counters to the current layout (docs/scale-migration.md). Progress
 * per segment goes to stderr, the totals as JSON to stdout. Exit 0 when done, 1 when the source does not fit
 * the deploy instant (cases left out, status keys untouched: restore again and rerun) or on an error, 2 on
 * bad arguments. Safe to rerun. Uses the ordinary AWS credentials (and AWS_ENDPOINT_URL_DYNAMODB locally).
 */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        source: { type: 'string' },
        table: { type: 'string' },
        segments: { type: 'string' },
        region: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`backfill: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const segments = Number(values.segments ?? DEFAULT_SEGMENTS);
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (
    !values.source ||
    !values.table ||
    !region ||
    !Number.isInteger(segments) ||
    segments < 1 ||
    segments > MAX_SEGMENTS
  ) {
    console.error(USAGE);
    return 2;
  }
  if (values.source === values.table) {
    console.error('backfill: --source must be the table restored to the deploy instant, not the live table');
    return 2;
  }
  // A job of hours meets throttling now and then: the SDK's own backoff, longer than its default 3 attempts.
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region, maxAttempts: 10 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  try {
    const result = await backfillLayout(
      {
        source: new DynamoBackfillTable(db, values.source),
        target: new DynamoBackfillTable(db, values.table),
        progress: (p) => console.error(progressLine(p, segments)),
      },
      { segments },
    );
    console.log(JSON.stringify(result));
    const { sourceTooEarly, sourceTooLate } = result.aggregates;
    if (sourceTooEarly || sourceTooLate) {
      console.error(
        `backfill: the source does not hold every case as it was at the deploy (${sourceTooEarly} changed by the ` +
          `previous release after it, ${sourceTooLate} written by the new release before it): those cases were left ` +
          'out and no status keys were moved. Restore the table to a better instant (docs/scale-migration.md) and rerun.',
      );
      return 1;
    }
    return 0;
  } finally {
    db.destroy();
  }
}

function progressLine(p: BackfillProgress, segments: number): string {
  const counts = Object.entries(p.counts)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
  return `backfill ${p.pass} segment ${p.segment + 1}/${segments}${p.done ? ' done' : ''}: ${counts}`;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`backfill: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
