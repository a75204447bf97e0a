import type { JobEvent, JobType } from '../../../schemas/events';
import type { Deps } from '../store/store';
import type { OutboxJob } from './outbox-job.entity';

/** ElectroDB's entity name of job items: what the Pipe's filter and the local pump keep besides activities. */
export const OUTBOX_JOB_ENTITY = 'outboxJob';

/** Long past the stream's 24 h retention: the item has been carried by then. */
const RETENTION_SECONDS = 7 * 86_400;

/** The job item for a write to put in its transaction (`outboxJob.create(item).commit()`). */
export function outboxJobOf<D extends Record<string, unknown>>(deps: Pick<Deps, 'now' | 'newId'>, orgId: string, type: JobType, data: D): OutboxJob {
  const at = deps.now();
  return { orgId, jobId: deps.newId(), type, data, createdAt: at.toISOString(), ttl: Math.floor(at.getTime() / 1000) + RETENTION_SECONDS };
}

/** The bus event a job item stands for: its `data` is what the job's queue receives. */
export function eventFromJob(job: OutboxJob): JobEvent {
  return { version: '1', id: job.jobId, type: job.type, occurredAt: job.createdAt, orgId: job.orgId, data: job.data as Record<string, unknown> };
}
