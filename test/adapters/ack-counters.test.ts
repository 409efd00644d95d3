import { DynamoAckCounters } from '../../lambdas/adapters/dynamodb/ack-counters';
import { TTL_ATTRIBUTE } from '../../lambdas/adapters/dynamodb/table-schema';
import { ackCountersContract } from '../contracts/ack-counters.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
afterAll(() => t?.dispose());

ackCountersContract('DynamoDB Local', async () => {
  t = await createTestEnv();
  return new DynamoAckCounters(t.clients.doc, t.resources.tableName, TTL_ATTRIBUTE);
});
