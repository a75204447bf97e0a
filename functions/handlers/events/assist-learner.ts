import type { Context } from 'aws-lambda';
import { learnFromTicket } from '../../domain/assist/learn-from-ticket';
import { runtime } from '../../runtime';
import type { BusEvent } from '../../../schemas/events';
import { lambdaHandler } from '../kit/lambda-handler';

/** Bus rule target: resolved and closed tickets teach the offline assistant (a marker per ticket makes it once). */
export const handler = lambdaHandler(async (event: BusEvent, _context: Context) => ({
  outcome: await learnFromTicket(runtime().deps, event.detail),
}));
