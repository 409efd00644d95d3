import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError } from '../../core/errors';
import type { ExportJob, ExportJobStore } from '../../core/export-job';

const jobKey = (id: string) => ({ PK: `EXPORTJOB#${id}`, SK: 'JOB' });

/**
 * Export jobs on the single table: one item per job (PK `EXPORTJOB#<id>`, SK `JOB`), the job as a JSON
 * string (its part list grows with the file and is read and written whole) beside the two numbers the
 * conditional update compares. A 2 GB export has about 250 parts of ~100 bytes each: far inside 400 KB.
 */
export class DynamoExportJobStore implements ExportJobStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: ExportJob): Promise<void> {
    await this.put(job, 'attribute_not_exists(PK)', {});
  }

  async get(id: string): Promise<ExportJob | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: jobKey(id), ConsistentRead: true }),
    );
    return out.Item ? (JSON.parse(String(out.Item.job)) as ExportJob) : undefined;
  }

  async update(next: ExportJob, expected: { readonly runs: number; readonly parts: number }): Promise<void> {
    await this.put(next, 'runs = :runs AND parts = :parts', { ':runs': expected.runs, ':parts': expected.parts });
  }

  private async put(job: ExportJob, condition: string, values: Record<string, unknown>): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...jobKey(job.id),
            itemType: 'export_job',
            status: job.status,
            runs: job.runs,
            parts: job.checkpoint.parts.length,
            job: JSON.stringify(job),
          },
          ConditionExpression: condition,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException)
        throw new ConcurrencyError(`export job ${job.id} changed meanwhile`, { cause: err });
      throw err;
    }
  }
}
