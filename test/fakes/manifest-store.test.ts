import { changeJournalContract } from '../contracts/change-journal.contract';
import { manifestStoreContract } from '../contracts/manifest-store.contract';
import { InMemoryCaseRepository } from './case-repository';
import { InMemoryManifestStore } from './manifest-store';

manifestStoreContract('in memory', () => new InMemoryManifestStore());
changeJournalContract('in memory', (now) => {
  const repo = new InMemoryCaseRepository({ now });
  return { repo, journal: repo };
});
