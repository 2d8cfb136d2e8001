import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  COUNTERS,
  type Counts,
  type DossierFigures,
  type FigureChange,
  type FigureItem,
  itemChanges,
} from '../domain/figures';
import type { FigureStore } from '../domain/ports';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { type Item, type TransactItem, table } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';
import { transact } from './transactions';

/**
 * Số liệu in the single table: each dossier's place (`D#code / FIGURES`) and the counter items. A change is one
 * transaction: the place moves only from where the change was computed, and every counter it touches is added to
 * (`ADD`), so an event is counted once even when delivered twice or by two consumers at once.
 */
export class DynamoFigureStore implements FigureStore {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async dossierFigures(code: string) {
    const result = await dynamo().send(
      new GetCommand({ TableName: table(), Key: keys.dossierFigures(code), ConsistentRead: true }),
    );
    return result.Item ? (result.Item.figures as DossierFigures) : undefined;
  }

  async apply(code: string, before: DossierFigures | undefined, change: FigureChange, shard: number) {
    const { key } = change.after;
    const counterKey = `${key.agencyId}#${key.procedureId}#${key.channel}#${shard}`;
    const place: TransactItem = {
      Put: {
        TableName: table(),
        Item: { ...keys.dossierFigures(code), type: 'dossier-figures', figures: change.after },
        ...(before
          ? {
              ConditionExpression: 'figures.seq = :seq',
              ExpressionAttributeValues: { ':seq': before.seq },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
    const counters = itemChanges(change.deltas).map(({ level, period, counts }) => {
      const added = COUNTERS.filter((counter) => counts[counter]);
      const values: Item = {
        ':type': 'figures',
        ':level': level,
        ':period': period,
        ':agency': key.agencyId,
        ':procedure': key.procedureId,
        ':channel': key.channel,
      };
      for (const counter of added) values[`:${counter}`] = counts[counter];
      return {
        Update: {
          TableName: table(),
          Key: keys.figures(level, period, counterKey),
          // Every name through a placeholder: several counters (`open`, `counter`) are DynamoDB reserved words.
          UpdateExpression: `SET #type = :type, #level = :level, #period = :period, #agency = :agency, #procedure = :procedure, #channel = :channel ADD ${added.map((c) => `#${c} :${c}`).join(', ')}`,
          ExpressionAttributeNames: {
            '#type': 'type',
            '#level': 'level',
            '#period': 'period',
            '#agency': 'agencyId',
            '#procedure': 'procedureId',
            '#channel': 'channel',
            ...Object.fromEntries(added.map((c) => [`#${c}`, c])),
          },
          ExpressionAttributeValues: values,
        },
      } satisfies TransactItem;
    });
    try {
      await transact([place, ...counters], () => new MovedMeanwhile());
      return true;
    } catch (error) {
      if (error instanceof MovedMeanwhile) return false;
      throw error;
    }
  }

  async read(periods: { monthsOfYears: readonly string[]; daysOfMonths: readonly string[] }) {
    const partitions = [
      keys.figures('year', '0000', '').pk,
      ...periods.monthsOfYears.map((year) => keys.figures('month', `${year}-01`, '').pk),
      ...periods.daysOfMonths.map((month) => keys.figures('day', `${month}-01`, '').pk),
    ];
    const pages = await Promise.all(
      partitions.map((pk) =>
        queryAll({
          TableName: table(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        }),
      ),
    );
    return pages.flat().map(figureItem);
  }
}

class MovedMeanwhile extends Error {}

function figureItem(item: Item): FigureItem {
  const counts: Counts = {};
  for (const counter of COUNTERS) if (typeof item[counter] === 'number') counts[counter] = item[counter];
  return {
    level: item.level,
    period: item.period,
    key: { agencyId: item.agencyId, procedureId: item.procedureId, channel: item.channel },
    counts,
  };
}
