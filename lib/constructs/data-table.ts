import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE } from '../../functions/manifest/table';

export interface DataTableProps {
  /**
   * What happens to the table (and its data) when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * DynamoDB deletion protection: a delete fails until it is turned off.
   * @default true when `removalPolicy` is RETAIN, otherwise false
   */
  readonly deletionProtection?: boolean;
  /**
   * A customer managed key for encryption at rest (you control its policy and rotation,
   * and pay for it). TableV2 sets keys per replica, so this needs a stack with a concrete
   * `env.region`.
   * @default - the AWS managed key `aws/dynamodb`: free to hold, key use shows in CloudTrail
   */
  readonly encryptionKey?: IKey;
}

/**
 * The single table, built from the one shared definition (`functions/manifest/table.ts`)
 * that the local bootstrap also reads: on demand, point-in-time recovery, the stream that
 * carries activities to the bus, TTL for idempotency keys, rate-limit windows and
 * connections.
 */
export class DataTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataTableProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const str = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new TableV2(this, 'Table', {
      partitionKey: str(TABLE.partitionKey),
      sortKey: str(TABLE.sortKey),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      dynamoStream: StreamViewType[TABLE.stream],
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      deletionProtection: props.deletionProtection ?? removalPolicy === RemovalPolicy.RETAIN,
      encryption: props.encryptionKey
        ? TableEncryptionV2.customerManagedKey(props.encryptionKey)
        : TableEncryptionV2.awsManagedKey(),
      globalSecondaryIndexes: TABLE.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        // Narrow: each index carries only what its queries filter on and read (the definition says why).
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.include],
      })),
      removalPolicy,
    });
  }
}
