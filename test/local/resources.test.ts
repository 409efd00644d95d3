import { randomBytes } from 'node:crypto';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { localClients } from '../../local/local-aws';
import { createResources, findResources, resourceNames } from '../../local/resources';
import { testEndpoints } from '../support/emulator-endpoints';

describe('findResources', () => {
  const endpoints = testEndpoints();
  const secrets = { signingSecret: randomBytes(32).toString('base64url'), exportSigningKeyFile: '/keys/export.pem' };

  it('finds what createResources made, under the same names, without creating anything', async () => {
    const prefix = `f${randomBytes(4).toString('hex')}-`;
    const created = await createResources(endpoints, { prefix, ...secrets, visibilityTimeoutSeconds: 7 });
    const clients = localClients(endpoints);
    try {
      const queuesBefore = await clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));

      const found = await findResources(endpoints, secrets, { prefix });

      expect(found).toEqual(created);
      expect(found.tableName).toBe(resourceNames(prefix).tableName);
      const queuesAfter = await clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
      expect(queuesAfter.QueueUrls?.sort()).toEqual(queuesBefore.QueueUrls?.sort());
    } finally {
      clients.destroy();
    }
  });

  it('fails, creating nothing, where no stack made the resources', async () => {
    const prefix = `n${randomBytes(4).toString('hex')}-`;
    const clients = localClients(endpoints);
    try {
      await expect(findResources(endpoints, secrets, { prefix })).rejects.toThrow();
      const queues = await clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
      expect(queues.QueueUrls ?? []).toEqual([]);
    } finally {
      clients.destroy();
    }
  });
});
