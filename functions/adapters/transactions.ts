import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Task } from '../domain/dossier';
import { conflict, uploadAlreadyUsed } from '../domain/errors';
import { clientCausedDynamoError, dynamo } from './clients/dynamodb';
import { type TransactItem, table } from './items';
import { keys } from './keys';

/**
 * Runs a transaction. A conditional check that failed is reported to `onConflict` with the positions of the items
 * whose condition failed (DynamoDB's cancellation reasons), so the caller can say which rule was broken.
 */
export async function transact(items: TransactItem[], onConflict: (failed: number[]) => Error) {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    // A write the table refused for its content (an item over 400 KB) is not a race: say what it is.
    const invalid = reasons.find((reason) => reason.Code === 'ValidationError');
    if (invalid) throw clientCausedDynamoError({ name: 'ValidationException', message: invalid.Message }) ?? error;
    throw onConflict(reasons.flatMap((reason, i) => (reason.Code === 'ConditionalCheckFailed' ? [i] : [])));
  }
}

/**
 * Marks uploads as taken by a dossier, each by one dossier only (a file shared by two dossiers would let one
 * applicant's record reach into another's): the claim is conditional, made in the transaction that attaches them,
 * and kept (no expiry) as the record of where the file went.
 */
export function uploadClaims(code: string, uploadIds: string[]): TransactItem[] {
  return uploadIds.map((uploadId) => ({
    Update: {
      TableName: table(),
      Key: keys.upload(uploadId),
      UpdateExpression: 'SET usedBy = :code REMOVE #ttl',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedBy)',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':code': code },
    },
  }));
}

/** The conflict a transaction with upload claims at the end (from `firstClaim` on) reports. */
export const claimOr =
  (uploadIds: string[], firstClaim: number, otherwise: () => Error) =>
  (failed: number[]): Error => {
    const claims = failed.filter((i) => i >= firstClaim).map((i) => uploadIds[i - firstClaim]!);
    return failed.some((i) => i < firstClaim) || claims.length === 0 ? otherwise() : uploadAlreadyUsed(claims);
  };

export const staleTask = (task: Task) => conflict('STALE_VERSION', `Công việc ${task.id} vừa thay đổi (stale version)`);
export const staleDossier = (code: string) =>
  conflict('STALE_VERSION', `Hồ sơ ${code} vừa được người khác cập nhật, vui lòng thử lại (stale version)`);
