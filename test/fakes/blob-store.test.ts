import { blobStoreContract } from '../contracts/blob-store.contract';
import { InMemoryBlobStore, type StoredBlob } from './blob-store';
import { FakeClock } from './clock';

blobStoreContract('in memory', () => {
  const clock = new FakeClock();
  const bucket = new Map<string, StoredBlob>();
  return { make: (o) => new InMemoryBlobStore(clock, o.retentionDays, bucket), now: () => clock.now() };
});
