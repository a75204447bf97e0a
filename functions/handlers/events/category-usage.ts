import type { Context } from 'aws-lambda';
import { countCategoryUsage } from '../../domain/catalog/count-category-usage';
import { runtime } from '../../runtime';
import type { BusEvent } from '../../../schemas/events';
import { lambdaHandler } from '../kit/lambda-handler';

/** Bus rule target: counts tickets per category (a marker per event id, in the same transaction, makes redelivery a no-op). */
export const handler = lambdaHandler(async (event: BusEvent, _context: Context) => ({
  outcome: await countCategoryUsage(runtime().deps, event.detail),
}));
