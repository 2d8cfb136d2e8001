import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OfficerNotice, SweepCursor } from '../domain/officer-notices';
import type { OfficerNoticeStore } from '../domain/ports';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { officerNoticePut, type TransactItem, table } from './items';
import { keys } from './keys';
import { transact } from './transactions';

class AlreadyWritten extends Error {}

/**
 * Officer notices as items the table's stream carries to the `notify-officers` reaction. Each is written once: a
 * task's notice of a kind by a conditional put, an agency's digest of a slot with the move of its sweep cursor, in
 * one transaction conditioned on the cursor it read (two sweeps at once write one digest).
 */
export class DynamoOfficerNoticeStore implements OfficerNoticeStore {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async recordTaskNotice(notice: OfficerNotice) {
    const task = notice.tasks[0]!;
    return this.once([officerNoticePut(keys.taskNotice(task.dossierCode, task.taskId, notice.kind), notice)]);
  }

  async sweepCursor(agencyId: string) {
    const result = await dynamo().send(
      new GetCommand({ TableName: table(), Key: keys.sweepCursor(agencyId), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { slot, sweptAt } = result.Item as SweepCursor;
    return { ...(slot ? { slot } : {}), sweptAt };
  }

  async recordSweep(agencyId: string, previous: SweepCursor | undefined, next: SweepCursor, digest?: OfficerNotice) {
    const cursor: TransactItem = {
      Put: {
        TableName: table(),
        Item: { ...keys.sweepCursor(agencyId), type: 'sweep-cursor', ...next },
        ConditionExpression: previous ? 'sweptAt = :previous' : 'attribute_not_exists(pk)',
        ...(previous ? { ExpressionAttributeValues: { ':previous': previous.sweptAt } } : {}),
      },
    };
    const notice = digest && next.slot ? [officerNoticePut(keys.digest(agencyId, next.slot), digest)] : [];
    return this.once([cursor, ...notice]);
  }

  /**
   * True when written; false when a condition failed (it was written before, or by a concurrent sweep). One item is
   * a conditional put (a transaction would bill twice the write units).
   */
  private async once(items: TransactItem[]) {
    try {
      const [only] = items;
      if (items.length === 1 && only?.Put) await dynamo().send(new PutCommand(only.Put));
      else await transact(items, () => new AlreadyWritten());
      return true;
    } catch (error) {
      if (error instanceof AlreadyWritten || error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
