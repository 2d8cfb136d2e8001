import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_DESIGN } from '../table-design';

export interface DataProps {
  /** The province's customer-managed key: personal data at rest is encrypted under a key the province controls. */
  key: IKey;
}

/** The single table: dossiers, tasks, history, catalogue, counters. PITR on; never deleted with the stack. */
export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: key(TABLE_DESIGN.partitionKey),
      sortKey: key(TABLE_DESIGN.sortKey),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(props.key),
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      dynamoStream: StreamViewType[TABLE_DESIGN.stream],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: ProjectionType[index.projection],
        ...(index.nonKeyAttributes.length > 0 ? { nonKeyAttributes: [...index.nonKeyAttributes] } : {}),
      })),
    });
  }
}
