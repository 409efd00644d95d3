import { caseRepositoryContract } from '../contracts/case-repository.contract';
import { InMemoryCaseRepository } from './case-repository';

caseRepositoryContract('in memory', () => new InMemoryCaseRepository());
