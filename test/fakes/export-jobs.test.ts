import { exportJobStoreContract, partUploadsContract } from '../contracts/export-jobs.contract';
import { InMemoryExportJobStore, InMemoryPartUploads } from './export-jobs';

exportJobStoreContract('in memory', () => new InMemoryExportJobStore());
partUploadsContract('in memory', async () => {
  const uploads = new InMemoryPartUploads(1);
  return { uploads, read: async (key) => uploads.objects.get(key)! };
});
