import * as z from 'zod';
import { Id } from './common';

export const JobIdParams = z.strictObject({ jobId: Id });

export const BulkJobAccepted = z
  .object({ jobId: z.string(), href: z.string().describe('GET it for progress and outcomes; `job.progress` frames reach your WebSocket') })
  .meta({ id: 'BulkJobAccepted' });

export const JobView = z
  .object({
    id: z.string(),
    kind: z.literal('tickets.bulk'),
    status: z.enum(['queued', 'running', 'done']),
    total: z.int().nullable().describe('Known once the tickets are listed (a filter is resolved by the worker)'),
    processed: z.int(),
    succeeded: z.int(),
    failed: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    outcomes: z.array(z.object({
      ticketId: z.string(),
      status: z.int().describe('The HTTP status this change alone would have had'),
      problem: z.looseObject({ type: z.string(), title: z.string(), status: z.number() }).optional(),
    })).describe('One per processed ticket'),
  })
  .meta({ id: 'Job' });
export type JobView = z.infer<typeof JobView>;

/** The `job.progress` WebSocket frame's data. */
export type JobProgress = Pick<JobView, 'id' | 'status' | 'total' | 'processed' | 'succeeded' | 'failed'>;
