import { learnFromTicket } from '../../domain/assist/learn-from-ticket';
import { busConsumer } from '../kit/bus-consumer';

/** Bus rule target: resolved and closed tickets teach the offline assistant (a marker per ticket makes it once). */
export const handler = busConsumer({ rule: 'assist-learner', dedupe: 'by-construction' }, async (event, { deps }) => ({
  outcome: await learnFromTicket(deps, event.detail),
}));
