import { countCategoryUsage } from '../../domain/catalog/count-category-usage';
import { busConsumer } from '../kit/bus-consumer';

/** Bus rule target: counts tickets per category (a marker per event id, in the same transaction, makes redelivery a no-op). */
export const handler = busConsumer({ rule: 'category-usage', dedupe: 'by-construction' }, async (event, { deps }) => ({
  outcome: await countCategoryUsage(deps, event.detail),
}));
