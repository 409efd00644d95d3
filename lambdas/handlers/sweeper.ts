import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { ScheduledEvent } from 'aws-lambda';
import { sweep, type SweepResult } from '../app/deadlines/sweep';
import { DynamoConfigurationStore } from '../adapters/dynamodb/configuration-store';
import { recordConfiguration } from '../app/deadlines/record-configuration';
import { DynamoChangeJournal } from '../adapters/dynamodb/change-journal';
import { DynamoReportStore } from '../adapters/dynamodb/report-store';
import { S3LockedObjects } from '../adapters/s3-locked-objects';
import { S3ManifestStore } from '../adapters/s3-manifest-store';
import { compactReportAggregates } from '../app/records/compact-report-aggregates';
import { writeFrozenReports } from '../app/records/write-frozen-reports';
import { writeManifests } from '../app/records/write-manifests';
import { ConfigError } from '../core/errors';
import { clients } from '../shared/clients';
import { container } from '../shared/container';
import { logger, metrics, MetricUnit } from '../shared/observability';

/**
 * EventBridge schedule (every 5 minutes; an interval on the local stack) -> arms the wake-ups of every
 * deadline due within 15 minutes (and any overdue) from the due-time index. A failure throws, so the run shows as an error
 * and the next run repeats the work.
 */
async function sweeper(event: ScheduledEvent): Promise<SweepResult> {
  const deps = await container('sweeper');
  const result = await sweep(deps, deps.clock.now());
  metrics.addMetric('SweeperScanned', MetricUnit.Count, result.scanned);
  metrics.addMetric('SweeperArmed', MetricUnit.Count, result.armed);
  metrics.addMetric('SweeperOverdue', MetricUnit.Count, result.overdue);
  // The one scheduled actor also records policy/template changes (who, when, diff) and nags about
  // complaint-handling changes the regulator has not yet been told of.
  const store = new DynamoConfigurationStore(clients().dynamo, deps.config.tableName);
  const change = await recordConfiguration(deps.policy, { store, clock: deps.clock, actor: deps.config.changedBy });
  if (change)
    logger.info('configuration change recorded', {
      at: change.at,
      actor: change.actor,
      policyDiff: change.policyDiff,
      templatesChanged: change.templatesChanged,
    });
  const dueNotices = await store.dueRegulatorNotices(deps.clock.now().toISOString());
  metrics.addMetric('RegulatorNoticesDue', MetricUnit.Count, dueNotices.length);
  if (dueNotices.length)
    logger.warn('complaint-handling changes due to be reported to the regulator', {
      changes: dueNotices.map((c) => ({ at: c.at, actor: c.actor })),
    });
  // Against an insider who edits the table: the audit-chain heads of the cases that changed, hourly, locked.
  const { mailBucket, mailRetentionDays } = deps.config;
  if (!mailBucket || !mailRetentionDays) throw new ConfigError('the sweeper needs MAIL_BUCKET and MAIL_RETENTION_DAYS');
  const manifestHours = await writeManifests(
    {
      repo: deps.repo,
      journal: new DynamoChangeJournal(clients().dynamo, deps.config.tableName),
      manifests: new S3ManifestStore(clients().s3, mailBucket, mailRetentionDays),
    },
    deps.clock.now(),
  );
  if (manifestHours.length) logger.info('audit manifests written', { hours: manifestHours });
  // A filed quarter as a locked record of its own, beside the snapshot item anyone with table access could edit.
  const reports = new DynamoReportStore(clients().dynamo, deps.config.tableName);
  const frozenQuarters = await writeFrozenReports({
    reports,
    locked: new S3LockedObjects(clients().s3, mailBucket, mailRetentionDays),
    clock: deps.clock,
  });
  if (frozenQuarters.length) logger.info('frozen quarterly reports locked', { quarters: frozenQuarters });
  // Once an hour (the sweep that files an hour's manifest): report counters left at zero go, so a day's
  // aggregate items stay the size of its distinct times, not of its cases.
  if (manifestHours.length) {
    const removed = await compactReportAggregates({ reports }, deps.clock.now());
    metrics.addMetric('ReportCountersCompacted', MetricUnit.Count, removed);
  }
  if (result.truncated)
    logger.warn('more due cases than one sweep takes; the rest follow in the next runs', { ...result });
  logger.info('sweep done: wake-ups armed', { scheduledAt: event.time, ...result });
  return result;
}

export const handler = middy(sweeper).use(injectLambdaContext(logger)).use(logMetrics(metrics));
