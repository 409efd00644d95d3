import { DynamoBackfillTable } from '../../lambdas/adapters/dynamodb/backfill-table';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { DynamoReportStore } from '../../lambdas/adapters/dynamodb/report-store';
import { backfillTableContract } from '../contracts/backfill-table.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { caseToOldLayout } from '../support/old-layout';

let t: TestEnv;
afterAll(() => t?.dispose());

backfillTableContract('DynamoDB Local', async () => {
  t = await createTestEnv();
  const { doc } = t.clients;
  const table = t.resources.tableName;
  const reports = new DynamoReportStore(doc, table);
  return {
    repo: new DynamoCaseRepository(doc, table),
    // A few items per scan request, so a handful of cases spans several pages.
    table: new DynamoBackfillTable(doc, table, { scanLimit: 4 }),
    toOldLayout: (tracking) => caseToOldLayout(doc, table, tracking),
    sum: (...a) => reports.sumAggregates(...a),
  };
});
