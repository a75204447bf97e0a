import { countCategoryUsage } from '../../domain/catalog/count-category-usage';
import type { BusEvent } from '../../../schemas/events';
import { deps } from '../deps';

/** Bus rule target: counts tickets per category (a marker per event id makes redelivery a no-op). */
export const handler = async (event: BusEvent) => ({ outcome: await countCategoryUsage(deps, event.detail) });
