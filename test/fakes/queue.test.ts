import { queueContract } from '../contracts/queue.contract';
import { InMemoryQueue } from './queue';

queueContract('in memory', () => {
  const queue = new InMemoryQueue();
  return { queue, receiveAll: async (name) => queue.take(name).map((m) => m.body) };
});
