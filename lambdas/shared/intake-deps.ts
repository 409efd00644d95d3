import { DynamoAckCounters } from '../adapters/dynamodb/ack-counters';
import { MailparserMimeParser } from '../adapters/mime/parse';
import type { IntakeDeps } from '../app/intake/process-inbound';
import { clients } from './clients';
import { container, type Container } from './container';
import { loadAckBudget } from './intake-config';
import { TTL_ATTRIBUTE } from '../adapters/dynamodb/table-schema';

const parser = new MailparserMimeParser();
let ackBudget: IntakeDeps['ackBudget'] | undefined;

/** The intake's ports: its container, the MIME parser (also the attachment reader) and the acknowledgement budget, built once per container. */
export async function intakeDeps(): Promise<Container<'intake'> & IntakeDeps> {
  const c = await container('intake');
  ackBudget ??= {
    counters: new DynamoAckCounters(clients().dynamo, c.config.tableName, TTL_ATTRIBUTE),
    limits: loadAckBudget(),
  };
  return { ...c, parser, attachments: parser, ackBudget };
}
