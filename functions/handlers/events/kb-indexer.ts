import type { Context } from 'aws-lambda';
import { rebuildIndex } from '../../domain/kb/search-index';
import { logger } from '../../observability';
import { runtime } from '../../runtime';
import type { BusEvent, JobEvent } from '../../../schemas/events';
import { lambdaHandler } from '../kit/lambda-handler';

/**
 * Bus rule target of `job.kb.reindex`: rebuilds the organization's search index from its
 * articles. Redelivery only rebuilds again (the pointer never moves back to an older read).
 */
export const handler = lambdaHandler(async (event: BusEvent<JobEvent<{ orgId: string }>>, _context: Context) => {
  const { deps, ports } = runtime();
  const orgId = event.detail.orgId;
  logger.appendKeys({ orgId });
  const outcome = await rebuildIndex(deps, ports.objects, orgId);
  logger.info('knowledge base index rebuilt', { articles: outcome.articles, stale: outcome.stale ?? false });
  return { outcome: outcome.stale ? 'stale' : 'built', articles: outcome.articles };
});
