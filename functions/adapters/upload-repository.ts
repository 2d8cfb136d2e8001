import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UploadRecord, UploadStore } from '../domain/ports';
import type { Rating } from '../domain/ratings';
import { batchGet } from './batch-get';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { type Item, strip, table } from './items';
import { keys } from './keys';

const recordOf = ({ ttl: _ttl, ...rest }: Item) => strip<UploadRecord>(rest)!;

/** Tệp tải lên và đánh giá — upload records (until a dossier claims them) and the applicant's one rating. */
export class DynamoUploadStore implements UploadStore {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async saveUpload(upload: UploadRecord, ttlSeconds: number) {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...keys.upload(upload.uploadId),
          type: 'upload',
          ...upload,
          ttl: Math.floor(Date.parse(upload.createdAt) / 1000) + ttlSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getUpload(uploadId: string) {
    const result = await dynamo().send(new GetCommand({ TableName: table(), Key: keys.upload(uploadId) }));
    return result.Item ? recordOf(result.Item) : undefined;
  }

  async getUploads(uploadIds: readonly string[]) {
    const items = uploadIds.length ? await batchGet([...new Set(uploadIds)].map((id) => keys.upload(id))) : [];
    return new Map(items.map((item) => [String(item.uploadId), recordOf(item)]));
  }

  /** The rating item is itself an event: the stream carries it to the figures. */
  async saveRating(code: string, rating: Rating) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table(),
          Item: { pk: keys.dossier(code).pk, sk: 'RATING', type: 'rating', ...rating },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
