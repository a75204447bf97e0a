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
 */
export const handler = async (records: DynamoDBRecord[]): Promise<BusDetail[]> => {
  const events: BusDetail[] = [];
  for (const record of records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const image = unmarshallImage(record.dynamodb.NewImage as Record<string, unknown>);
    const event = busDetailOf(image);
    if (event) events.push(event);
    else if (outboxItemOf(image).kind === 'activity') logger.warn('activity of a type the bus does not carry', { type: image.type });
  }
  return events;
};
