import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  INDEXES,
  RETIRED_INDEXES,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
  type IndexSchema,
} from '../lambdas/adapters/dynamodb/table-schema';

export interface CaseTableProps {
  /** Customer-managed key for the table. */
  readonly encryptionKey: kms.IKey;
}

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * The one DynamoDB table (docs/architecture.md, "Data model"), keys and indexes taken from
 * lambdas/adapters/dynamodb/table-schema.ts so the stack, the local stack and the adapter agree. On-demand (a market
 * swing brings 7x the mail), point-in-time recovery, deletion protection, KMS and RETAIN: cases and their
 * audit trail are records (23 NYCRR 200.12).
 */
export class CaseTable extends Construct {
  public readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: CaseTableProps) {
    super(scope, id);
    // Table, not TableV2: TableV2 cannot render a customer-managed key in a region-agnostic stack, and
    // `cdk synth` must work offline without an account or region.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: stringKey(TABLE_KEYS.partitionKey),
      sortKey: stringKey(TABLE_KEYS.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
    // CloudFormation creates or deletes one GSI per stack update: add indexes one deploy at a time
    // (docs/scale-migration.md).
    for (const index of [...(Object.values(INDEXES) as IndexSchema[]), ...RETIRED_INDEXES]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        ...(index.include
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
          : { projectionType: dynamodb.ProjectionType.ALL }),
      });
    }
  }
}
