import * as z from 'zod';
import type { QueueName } from '../../manifest/queue-names';

/** The queue of the recompute job (functions/manifest/features/sla.ts `SLA_QUEUES`). */
export const SLA_RECOMPUTE_QUEUE = 'sla-policy-recompute' satisfies QueueName;

/**
 * One job = one policy change to carry over to the org's open tickets on that policy
 * (functions/domain/tickets/recompute-policy-tickets.ts does it).
 */
export const PolicyRecomputeJob = z.object({
  orgId: z.string(),
  policyId: z.string(),
  /** The policy version the change produced. */
  policyVersion: z.number().int().min(1),
  /** The calendar in force before the change: business time consumed so far is measured on it. */
  previousCalendar: z.unknown(),
});
export type PolicyRecomputeJob = z.infer<typeof PolicyRecomputeJob>;
