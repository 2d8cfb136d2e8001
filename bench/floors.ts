import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

/**
 * The data calls a request cannot avoid, issued directly with the SDK: the floors of `bench:latency` (one request)
 * and `replay` (whole lives). Items are copies of what the API wrote, so the floor writes the same sizes.
 */
type Item = Record<string, unknown>;

/**
 * A floor's copy of a history event: the same item, but of a type the stream's reading leaves alone. Its reactions
 * would otherwise run on a dossier that does not exist (the portal sync fails and retries it), and their work would
 * land on the floor's side of the ratio.
 */
export const eventCopy = (item: Item): Item => ({ ...item, type: 'floor' });

/** A new item, written once. */
export const fresh = (TableName: string, Item: Item) => ({
  Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** The item `next` in place of `read`, if nobody changed it since (optimistic concurrency). */
const versioned = (TableName: string, next: Item, read: Item) => ({
  Put: {
    TableName,
    Item: { ...next, version: Number(read.version) + 1 },
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': read.version },
  },
});

/**
 * A submission: its uploads read (BatchGetItem) while each file is checked in the bucket (HeadObject: a presigned
 * upload may never have been sent), its code counted (UpdateItem), then one transaction with the new items and each
 * upload claimed.
 */
export async function submissionFloor(
  db: DynamoDBDocumentClient,
  TableName: string,
  s: { code: string; counter: string; uploadIds: string[]; items: Item[] },
  files: { s3: S3Client; bucket: string; keys: string[] },
) {
  const uploadKey = (id: string) => ({ pk: `UPLOAD#${id}`, sk: 'UPLOAD' });
  await Promise.all([
    db.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: s.uploadIds.map(uploadKey) } } })),
    ...files.keys.map((Key) => files.s3.send(new HeadObjectCommand({ Bucket: files.bucket, Key }))),
  ]);
  await db.send(
    new UpdateCommand({
      TableName,
      Key: { pk: s.counter, sk: 'COUNTER' },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        ...s.items.map((item) => fresh(TableName, item)),
        ...s.uploadIds.map((id) => ({
          Update: {
            TableName,
            Key: uploadKey(id),
            UpdateExpression: 'SET usedBy = :c',
            ConditionExpression: 'attribute_not_exists(usedBy)',
            ExpressionAttributeValues: { ':c': s.code },
          },
        })),
      ],
    }),
  );
}

/**
 * A decision: the task and its dossier read at once (consistent), then one transaction replacing both
 * (version-checked, `changed` applied to the dossier) with the history event and whatever else the route writes.
 */
export async function decisionFloor(
  db: DynamoDBDocumentClient,
  TableName: string,
  d: { pk: string; taskSk: string; changed?: Item; written: (task: Item) => Item[] },
) {
  const [task, dossier] = await Promise.all(
    [d.taskSk, 'DOSSIER'].map(
      async (sk) => (await db.send(new GetCommand({ TableName, Key: { pk: d.pk, sk }, ConsistentRead: true }))).Item!,
    ),
  );
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        versioned(TableName, { ...dossier!, ...d.changed }, dossier!),
        versioned(TableName, { ...task!, state: 'APPLIED' }, task!),
        ...d.written(task!).map((item) => fresh(TableName, item)),
      ],
    }),
  );
}
