import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws';
import { QUEUE_NAMES } from './resources';
import { redrive } from './redrive';

/** `npm run redrive -- inbound`: puts the local stack's dead letters of a queue back on that queue. */
async function main(): Promise<void> {
  const queue = process.argv[2];
  if (!queue || !(QUEUE_NAMES as readonly string[]).includes(queue)) {
    throw new Error(`usage: npm run redrive -- <${QUEUE_NAMES.join('|')}>`);
  }
  const endpoint = `http://127.0.0.1:${process.env.DOCKET_SQS_PORT || '9324'}`;
  const sqs = new SQSClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint });
  const url = async (name: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  const moved = await redrive(sqs, await url(`${queue}-dlq`), await url(queue), (n) =>
    process.stderr.write(`moved ${n}\n`),
  );
  process.stdout.write(`moved ${moved} message(s) from ${queue}-dlq back to ${queue}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`redrive: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
