import { pendingReferencesContract } from '../contracts/pending-references.contract';
import { InMemoryCaseRepository } from './case-repository';

pendingReferencesContract('in memory', () => new InMemoryCaseRepository());
