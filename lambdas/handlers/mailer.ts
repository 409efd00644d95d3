import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sharingBatchReads } from '../app/mailer/batch-reads';
import { deliverOutbound } from '../app/mailer/deliver-outbound';
import { fanOutNotice } from '../app/mailer/fan-out-notice';
import { isBroadcastPage, NoticeBroadcastPageSchema } from '../core/notice-broadcast';
import { OutboundRequestSchema } from '../core/outbound-request';
import { container } from '../shared/container';
import { deliveryDeps, sendBacklog } from '../shared/mailer-wiring';
import { logger, metrics, MetricUnit } from '../shared/observability';
import { processBatch } from '../shared/sqs-batch';
import { DAILY_QUOTA_METRIC, SEND_METRICS } from '../shared/catalogue';

/**
 * SQS batches from both outbound lanes -> rendered, sent with SES SendRawEmail within the shared send
 * budget, recorded on the case; a broadcast notice's fan-out page queues the notice for one page of open
 * cases. Over budget, SES throttling and a busy send lease are back-pressure: the request is queued again
 * with a delay and this record acknowledged, so waiting mail never reaches the DLQ; a spent daily quota
 * also emits `DailyQuotaExhausted` (alarmed).
 */
async function mailer(event: SQSEvent): Promise<SQSBatchResponse> {
  const c = await container('mailer');
  const deps = sharingBatchReads(deliveryDeps(c));
  const result = await processBatch(event, async (record) => {
    const body: unknown = JSON.parse(record.body);
    if (isBroadcastPage(body)) {
      const page = NoticeBroadcastPageSchema.parse(body);
      const outcome = await fanOutNotice(page, { ...deps.mailer, queue: deps.queue });
      logger.info('notice broadcast page', { noticeId: page.noticeId, statusIndex: page.statusIndex, ...outcome });
      return;
    }
    const req = OutboundRequestSchema.parse(body);
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1;
    const outcome = await deliverOutbound(req, receiveCount, deps);
    metrics.addMetric(`Mail_${outcome}`, MetricUnit.Count, 1);
    if (outcome === 'held') metrics.addMetric(DAILY_QUOTA_METRIC, MetricUnit.Count, 1);
    logger.info('outbound processed', { tracking: req.tracking, purposeKey: req.purposeKey, outcome });
  });
  await reportBacklog(sendBacklog(c));
  return result;
}

/** The dashboard's sending widgets and the quota warning; a failed reading costs a data point, never the batch. */
async function reportBacklog(read: ReturnType<typeof sendBacklog>): Promise<void> {
  try {
    const b = await read();
    metrics.addMetric(SEND_METRICS.backlog, MetricUnit.Count, b.interactive + b.bulk);
    metrics.addMetric(SEND_METRICS.interactiveBacklog, MetricUnit.Count, b.interactive);
    metrics.addMetric(SEND_METRICS.budgetInUse, MetricUnit.Percent, b.budgetInUsePercent);
    metrics.addMetric(SEND_METRICS.drainSeconds, MetricUnit.Seconds, b.drainSeconds);
    if (b.capacity !== undefined) metrics.addMetric(SEND_METRICS.budgetRate, MetricUnit.Count, b.capacity);
    if (b.dailyQuotaUsedPercent !== undefined)
      metrics.addMetric(SEND_METRICS.dailyQuotaUsed, MetricUnit.Percent, b.dailyQuotaUsedPercent);
  } catch (err) {
    logger.warn('send backlog not read', { error: err as Error });
  }
}

export const handler = middy(mailer).use(injectLambdaContext(logger)).use(logMetrics(metrics));
