import { accessLogContract } from '../contracts/access-log.contract';
import { InMemoryAccessLog } from './access-log';

accessLogContract('in memory', () => new InMemoryAccessLog());
