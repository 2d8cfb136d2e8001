import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { HistoryEvent } from '../domain/dossier';
import { type DossierEvent, type DossierSnapshot, eventId } from '../domain/events';

/** A DynamoDB Stream record as Lambda and DynamoDB Streams' GetRecords both give it (new images only). */
export interface StreamRecord {
  eventName?: string;
  dynamodb?: { SequenceNumber?: string; NewImage?: Record<string, unknown> };
}

/**
 * The dossier events among a batch of stream records: inserted history items (`H#…`), with the snapshot written
 * beside them. Every other item (dossiers, tasks, markers) is not an event.
 */
export function eventOf(record: StreamRecord): DossierEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.type !== 'history' || typeof item.pk !== 'string' || !String(item.sk).startsWith('H#')) return undefined;
  const { pk, sk: _sk, type: _type, snapshot, ...event } = item;
  const code = pk.slice('D#'.length);
  return {
    id: eventId(code, Number(event.seq)),
    code,
    event: event as HistoryEvent,
    dossier: snapshot as DossierSnapshot,
  };
}
