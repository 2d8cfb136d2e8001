import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  historyEvent,
  type IntakeRefusal,
  ratingEventId,
  refusalGroup,
  type StreamEvent,
  syncedEventId,
} from '../domain/events';
import type { OfficerNotice } from '../domain/officer-notices';
import type { Rating } from '../domain/ratings';

/** The item types that are events (the stack's stream filter lets exactly these through to the fan-out). */
export const EVENT_ITEM_TYPES = [
  'history',
  'officer-notice',
  'rating',
  'dvcqg-synced',
  'dvcqg-resync',
  'dvcqg-refusal',
] as const;

/** A DynamoDB Stream record as Lambda and DynamoDB Streams' GetRecords both give it (new images only). */
export interface StreamRecord {
  eventName?: string;
  dynamodb?: { SequenceNumber?: string; NewImage?: Record<string, unknown> };
}

/**
 * The events among a batch of stream records: inserted history items (`H#…`), with the snapshot written beside
 * them, inserted officer notices, ratings, first syncs, re-send requests and refused intakes. Every other item (dossiers, tasks, markers, figures) is not an event.
 */
export function eventOf(record: StreamRecord): StreamEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.type === 'officer-notice') {
    const notice = item.notice as OfficerNotice;
    return { id: `${item.pk}|${item.sk}`, group: notice.agencyId, notice };
  }
  if (item.type === 'rating' && typeof item.pk === 'string') {
    const code = item.pk.slice('D#'.length);
    const { pk: _pk, sk: _sk, type: _type, ...rating } = item;
    return { id: ratingEventId(code), code, rating: rating as Rating };
  }
  if (item.type === 'dvcqg-synced' && typeof item.pk === 'string') {
    const code = item.pk.slice('D#'.length);
    return { id: syncedEventId(code), code, synced: { at: String(item.at), key: item.key } };
  }
  if (item.type === 'dvcqg-resync' && typeof item.pk === 'string') {
    const code = item.pk.slice('D#'.length);
    return { id: `${code}#${item.sk}`, code, resync: { at: String(item.at), by: String(item.by) } };
  }
  if (item.type === 'dvcqg-refusal') {
    const refusal = item.refusal as IntakeRefusal;
    return { id: `${item.pk}|${item.sk}`, code: refusalGroup(refusal.nationalId), refusal };
  }
  if (item.type !== 'history' || typeof item.pk !== 'string' || !String(item.sk).startsWith('H#')) return undefined;
  const { pk, sk: _sk, type: _type, ...entry } = item;
  return historyEvent(pk.slice('D#'.length), entry);
}
