import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredDocument } from '../domain/e-data';
import type { DocumentStore } from '../domain/ports';
import { batchGet } from './batch-get';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { table } from './items';
import { keys } from './keys';
import { queryPage } from './query-page';

/** The e-data store in the single table: one partition per citizen (`EDATA#<id number>`), one item per document. */
export class DynamoDocumentStore implements DocumentStore {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async get(ownerIdNumber: string, id: string) {
    const result = await dynamo().send(
      new GetCommand({ TableName: table(), Key: keys.storedDocument(ownerIdNumber, id) }),
    );
    return result.Item?.document as StoredDocument | undefined;
  }

  async keptAmong(ownerIdNumber: string, ids: readonly string[]) {
    if (!ids.length) return new Set<string>();
    const items = await batchGet(
      ids.map((id) => keys.storedDocument(ownerIdNumber, id)),
      { projection: 'sk' },
    );
    const byKey = new Map(ids.map((id) => [keys.storedDocument(ownerIdNumber, id).sk, id]));
    return new Set(items.map((item) => byKey.get(String(item.sk))!));
  }

  async keep(document: StoredDocument) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table(),
          Item: { ...keys.storedDocument(document.ownerIdNumber, document.id), type: 'stored-document', document },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  list(ownerIdNumber: string, limit: number, cursor?: string) {
    return queryPage(
      {
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
        ExpressionAttributeValues: { ':pk': keys.storedDocument(ownerIdNumber, '').pk, ':doc': 'DOC#' },
        Limit: limit,
      },
      cursor,
      (item) => item.document as StoredDocument,
    );
  }
}
