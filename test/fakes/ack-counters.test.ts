import { ackCountersContract } from '../contracts/ack-counters.contract';
import { InMemoryAckCounters } from './ack-counters';

ackCountersContract('in memory', () => new InMemoryAckCounters());
