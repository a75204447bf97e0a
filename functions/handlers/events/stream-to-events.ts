import type { DynamoDBRecord } from 'aws-lambda';
import { busDetailOf, outboxItemOf } from '../../domain/events/bus-detail-of';
import { unmarshallImage } from './unmarshall-image';
import { logger } from '../../observability';
import type { BusDetail } from '../../../schemas/events';

/**
 * The Pipe's enrichment step (AWS): the Pipe's filter already kept outbox inserts (activities
 * and jobs); this turns each stream record into its bus event (a versioned ticket event, or a
 * job), which the Pipe puts on the bus with the event's `type` as detail-type. The local event
 * pump calls the same conversion.
 *
 * A record it cannot read (an image `unmarshall` rejects, a number too large for JSON) is
 * logged and skipped: the same record would fail every retry of the batch, and with it the
 * events of every other record.
 */
export const handler = async (records: DynamoDBRecord[] | { Records?: DynamoDBRecord[] }): Promise<BusDetail[]> => {
  const events: BusDetail[] = [];
  // The Pipe sends the batch as an array; an event source mapping would wrap it in `Records`.
  const batch = Array.isArray(records) ? records : Array.isArray(records?.Records) ? records.Records : [];
  for (const record of batch) {
    if (record?.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    try {
      const image = unmarshallImage(record.dynamodb.NewImage as Record<string, unknown>);
      const event = busDetailOf(image);
      if (event) {
        JSON.stringify(event); // throws on a BigInt (an N past 2^53), which the Pipe could not send
        events.push(event);
      } else if (outboxItemOf(image).kind === 'activity') logger.warn('activity of a type the bus does not carry', { type: image.type });
    } catch (error) {
      logger.error('stream record unreadable; skipped', { eventID: record.eventID, keys: JSON.stringify(record.dynamodb.Keys ?? {}).slice(0, 500), error: (error as Error).message });
    }
  }
  return events;
};
