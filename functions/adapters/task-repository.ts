import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dossierCodeOfTask, type Task } from '../domain/dossier';
import type { OfficerNotice } from '../domain/officer-notices';
import type { TaskStore } from '../domain/ports';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { type Item, itemCollection, officerNoticePut, strip, type TransactItem, table, taskItem } from './items';
import { INBOX_INDEX, keys } from './keys';
import { queryAll } from './query-all';
import { queryPage } from './query-page';
import { staleTask, transact } from './transactions';

/** The transaction item that replaces a task still open at the version it was read at. */
function openTaskPut(task: Task, next: Task): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: taskItem(next),
      ConditionExpression: '#v = :v AND #state = :open',
      ExpressionAttributeNames: { '#v': 'version', '#state': 'state' },
      ExpressionAttributeValues: { ':v': task.version, ':open': 'OPEN' },
    },
  };
}

/** Công việc — the task items: one per opened step, in its inbox (sparse index) while open, version-checked. */
export class DynamoTaskStore implements TaskStore {
  constructor() {
    requireConfiguration('TABLE_NAME', 'CURSOR_KEY');
  }

  async getTasks(code: string) {
    const items = await itemCollection(code, 'T#');
    return items.map((item) => strip<Task>(item)!);
  }

  async getTask(taskId: string) {
    const code = dossierCodeOfTask(taskId);
    if (!code) return undefined;
    const result = await dynamo().send(
      new GetCommand({ TableName: table(), Key: keys.task(code, taskId), ConsistentRead: true }),
    );
    return strip<Task>(result.Item);
  }

  inbox(agencyId: string, role: string, limit: number, cursor?: string) {
    return queryPage(
      {
        TableName: table(),
        IndexName: INBOX_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.inbox(agencyId, role) },
        Limit: limit,
      },
      cursor,
      (item) => strip<Task>(item)!,
    );
  }

  /** A filter expression would read (and bill) the same items: the inbox is read whole and filtered here. */
  async overdueTasks(agencyId: string, role: string): Promise<Task[]> {
    return (await this.openTasks(agencyId, role)).filter((task) => task.overdue);
  }

  private async updateTask(task: Task, next: Task, condition: string, values: Item = {}) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table(),
          Item: taskItem(next),
          ConditionExpression: `#v = :v AND ${condition}`,
          ExpressionAttributeNames: { '#v': 'version', '#state': 'state' },
          ExpressionAttributeValues: { ':v': task.version, ...values },
        }),
      );
      return next;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw staleTask(task);
      throw error;
    }
  }

  attachToken(task: Task, token: string) {
    return this.updateTask(task, { ...task, token, version: task.version + 1 }, '#state <> :applied', {
      ':applied': 'APPLIED',
    });
  }

  async attachTokenIfOpen(taskId: string, token: string) {
    const code = dossierCodeOfTask(taskId);
    if (!code) return undefined;
    try {
      const result = await dynamo().send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.task(code, taskId),
          UpdateExpression: 'SET #token = :token, #v = #v + :one',
          ConditionExpression: '#state = :open',
          ExpressionAttributeNames: { '#token': 'token', '#v': 'version', '#state': 'state' },
          ExpressionAttributeValues: { ':token': token, ':one': 1, ':open': 'OPEN' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return strip<Task>(result.Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async openTasks(agencyId: string, role: string): Promise<Task[]> {
    const items = await queryAll({
      TableName: table(),
      IndexName: INBOX_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.inbox(agencyId, role) },
    });
    return items.map((item) => strip<Task>(item)!);
  }

  settleAnswer(task: Task, next: Task) {
    return this.updateTask(task, next, '(#state = :open OR #state = :decided)', {
      ':open': 'OPEN',
      ':decided': 'DECIDED',
    });
  }

  /** Flags the task overdue and writes the notice to the agency's leader in the same transaction. */
  async markOverdue(task: Task, notice: OfficerNotice) {
    const next: Task = { ...task, overdue: true, version: task.version + 1 };
    await transact(
      [openTaskPut(task, next), officerNoticePut(keys.taskNotice(task.dossierCode, task.id, 'overdue'), notice)],
      () => staleTask(task),
    );
    return next;
  }
}
