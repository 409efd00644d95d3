import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Structured JSON logs and CloudWatch EMF metrics (Powertools). One instance per container; the service
 * name comes from POWERTOOLS_SERVICE_NAME (set by the stack and the local stack).
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'docket' });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Docket',
  serviceName: 'docket',
});
export { MetricUnit };
