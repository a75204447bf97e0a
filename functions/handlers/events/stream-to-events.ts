import type { DynamoDBRecord } from 'aws-lambda';
import { eventFromActivity, isActivityImage } from '../../domain/events/event-from-activity';
import { unmarshallImage } from './unmarshall-image';
import { logger } from '../../observability';
import type { TicketEvent } from '../../../schemas/events';

/**
 * The Pipe's enrichment step (AWS): the Pipe's filter already kept activity inserts; this turns
 * each stream record into the versioned ticket event, which the Pipe puts on the bus with the
 * event's `type` as detail-type. The local event pump calls the same conversion.
 */
export const handler = async (records: DynamoDBRecord[]): Promise<TicketEvent[]> => {
  const events: TicketEvent[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage ? unmarshallImage(record.dynamodb.NewImage as Record<string, unknown>) : undefined;
    if (record.eventName !== 'INSERT' || !isActivityImage(image)) continue;
    const event = eventFromActivity(image);
    if (event) events.push(event);
    else logger.warn('activity of a type the bus does not carry', { type: image.type });
  }
  return events;
};
