import { backfillTableContract } from '../contracts/backfill-table.contract';
import { InMemoryBackfillTable } from './backfill-table';
import { InMemoryCaseRepository } from './case-repository';

backfillTableContract('in memory', () => {
  const repo = new InMemoryCaseRepository();
  return {
    repo,
    table: new InMemoryBackfillTable(repo),
    toOldLayout: async (t) => repo.toOldLayout(t),
    sum: async (...a) => repo.sumAggregates(...a),
  };
});
