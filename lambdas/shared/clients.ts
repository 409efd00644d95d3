import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * AWS clients, created once per container and injected into adapters. Endpoints come from the SDK's
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables, so the local stack needs no branch here; S3 emulators
 * need path-style addressing, which is harmless to request only when an S3 endpoint is overridden.
 */
export interface AwsClients {
  readonly dynamo: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly ses: SESClient;
  readonly kms: KMSClient;
}

export function createClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  const dynamoRaw = new DynamoDBClient({});
  return {
    dynamo: DynamoDBDocumentClient.from(dynamoRaw, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    sqs: new SQSClient({}),
    s3: new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL) }),
    ses: new SESClient({}),
    kms: new KMSClient({}),
  };
}

let shared: AwsClients | undefined;

/** The container's clients (lazily created on first use, then reused across invocations). */
export function clients(): AwsClients {
  shared ??= createClients();
  return shared;
}
