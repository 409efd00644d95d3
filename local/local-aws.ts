import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/** The region every local part pretends to be in. */
export const LOCAL_REGION = 'us-east-1';

/**
 * Dummy credentials. s3rver only accepts its built-in key pair `S3RVER`/`S3RVER`; the other emulators
 * accept anything, so one pair works for all (the handlers use the default credential chain).
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Where each emulator listens. */
export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly s3: string;
  readonly ses: string;
}

export interface LocalClients {
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  destroy(): void;
}

/** SDK clients for the local stack's own plumbing, pointed explicitly at the emulators (never at env). */
export function localClients(endpoints: LocalEndpoints): LocalClients {
  const base = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient({ ...base, endpoint: endpoints.dynamodb });
  // Same marshalling as lambdas/shared/clients.ts, so test fixtures write items exactly as the handlers do.
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const sqs = new SQSClient({ ...base, endpoint: endpoints.sqs });
  const s3 = new S3Client({ ...base, endpoint: endpoints.s3, forcePathStyle: true });
  return {
    dynamo,
    doc,
    sqs,
    s3,
    destroy: () => {
      dynamo.destroy();
      sqs.destroy();
      s3.destroy();
    },
  };
}
