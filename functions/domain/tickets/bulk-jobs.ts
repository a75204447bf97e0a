import type { JobProgress, JobView } from '../../../schemas/bulk-jobs';
import type { BulkFilter, BulkUpdateBody } from '../../../schemas/tickets';
import { BULK_JOB_MAX } from '../../../schemas/ticket-enums';
import type { Caller } from '../caller';
import { DomainError, NotFoundError } from '../errors';
import { outboxJobOf } from '../outbox/outbox-jobs';
import type { ConnectionPoster } from '../ports/connection-poster';
import { Rooms, userRoom } from '../realtime/rooms';
import type { Deps } from '../store/store';
import { assertStaff } from './access';
import type { BulkJob } from './bulk-job.entity';
import { applyToEach } from './bulk-update-tickets';
import { listTickets } from './list-tickets';

/** Tickets a worker changes between progress reports (and saves of its place). */
export const BULK_PAGE = 50;
const RETENTION_SECONDS = 7 * 86_400;

export interface BulkJobMessage extends Record<string, unknown> {
  orgId: string;
  jobId: string;
}

/** The problem document of a failed ticket (what a request for it alone would have answered). */
export type ProblemOf = (error: DomainError) => { type: string; title: string; status: number };

/**
 * Starts a bulk job: the job item and its queue message (through the outbox) commit together,
 * so a job is never left without a worker on its way. The worker lists a filter's tickets.
 * @throws ForbiddenError for customers.
 */
export async function startBulkJob(deps: Deps, caller: Caller, body: BulkUpdateBody): Promise<BulkJob> {
  assertStaff(caller, 'bulk-update tickets');
  const now = deps.now();
  const at = now.toISOString();
  const job: BulkJob = {
    orgId: caller.orgId, jobId: deps.newId(), caller: { ...caller }, status: 'queued',
    ...(body.ticketIds ? { ticketIds: body.ticketIds, total: body.ticketIds.length } : { filter: body.filter }),
    changes: body.changes, processed: 0, succeeded: 0, failed: 0, createdAt: at, updatedAt: at,
    ttl: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
  };
  await deps.store.transaction
    .write(({ bulkJob, outboxJob }) => [
      bulkJob.create(job).commit(),
      outboxJob.create(outboxJobOf<BulkJobMessage>(deps, caller.orgId, 'job.tickets.bulk', { orgId: caller.orgId, jobId: job.jobId })).commit(),
    ])
    .go();
  return job;
}

const progressOf = (job: BulkJob): JobProgress => ({
  id: job.jobId, status: job.status, total: job.total ?? null, processed: job.processed, succeeded: job.succeeded, failed: job.failed,
});

/** The job with its outcomes (one Query of its partition). @throws NotFoundError, ForbiddenError */
export async function getBulkJob(deps: Deps, caller: Caller, jobId: string): Promise<JobView> {
  assertStaff(caller, 'read jobs');
  const { data } = await deps.store.collections.bulkJob({ orgId: caller.orgId, jobId }).go({ pages: 'all', consistent: true });
  const job = data.bulkJob[0];
  if (!job) throw new NotFoundError('job', jobId);
  return {
    ...progressOf(job), kind: 'tickets.bulk', createdAt: job.createdAt, updatedAt: job.updatedAt,
    outcomes: data.bulkJobOutcome.map((o) => ({ ticketId: o.ticketId, status: o.status, ...(o.problem ? { problem: o.problem } : {}) })),
  };
}

/** The ids a filter selects now (newest first, at most BULK_JOB_MAX): fixed before any is changed. */
async function idsOf(deps: Deps, caller: Caller, filter: BulkFilter): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTickets(deps, caller, { ...filter, sort: 'createdAt', order: 'desc', limit: 100, cursor });
    ids.push(...page.items.map((t) => t.ticketId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length < BULK_JOB_MAX);
  return ids.slice(0, BULK_JOB_MAX);
}

/**
 * Works a job through, a page at a time: each ticket's change as in a synchronous bulk
 * request, its outcome recorded, the job's counters and place saved, and a `job.progress`
 * frame sent to the requester's connections. A redelivered message resumes at the saved
 * place and skips tickets that already have an outcome; a finished job is left alone.
 */
export async function runBulkJob(deps: Deps, connections: ConnectionPoster, message: BulkJobMessage, problemOf: ProblemOf): Promise<JobProgress | undefined> {
  const key = { orgId: message.orgId, jobId: message.jobId };
  let { data: job } = await deps.store.entities.bulkJob.get(key).go({ consistent: true });
  if (!job || job.status === 'done') return job ? progressOf(job) : undefined;
  const caller = job.caller as Caller;
  if (!job.ticketIds) {
    const ticketIds = await idsOf(deps, caller, job.filter as BulkFilter);
    job = { ...job, ticketIds, total: ticketIds.length };
    await deps.store.entities.bulkJob.patch(key).set({ ticketIds, total: ticketIds.length, updatedAt: deps.now().toISOString() }).go();
  }
  const ids = job.ticketIds!;
  const { data: done } = await deps.store.entities.bulkJobOutcome.query.byJob(key).go({ pages: 'all', consistent: true });
  const seen = new Set(done.map((o) => o.ticketId));
  job = { ...job, status: 'running' };
  for (let start = job.processed; start < ids.length; start += BULK_PAGE) {
    const page = ids.slice(start, start + BULK_PAGE).filter((id) => !seen.has(id));
    const outcomes = await applyToEach(deps, caller, page, job.changes as BulkUpdateBody['changes']);
    const items = outcomes.map((o) => ({
      ...key, ticketId: o.ticketId, status: o.ok ? 200 : problemOf(o.error).status, ttl: job!.ttl,
      ...(o.ok ? {} : { problem: problemOf(o.error) }),
    }));
    if (items.length) await deps.store.entities.bulkJobOutcome.put(items).go();
    const succeeded = items.filter((i) => i.status === 200).length;
    const processed = Math.min(start + BULK_PAGE, ids.length);
    job = {
      ...job, processed, succeeded: job.succeeded + succeeded, failed: job.failed + items.length - succeeded,
      status: processed >= ids.length ? 'done' : 'running', updatedAt: deps.now().toISOString(),
    };
    await deps.store.entities.bulkJob.patch(key)
      .set({ processed, succeeded: job.succeeded, failed: job.failed, status: job.status, updatedAt: job.updatedAt }).go();
    await announce(deps, connections, job);
  }
  if (ids.length === 0) {
    job = { ...job, status: 'done', updatedAt: deps.now().toISOString() };
    await deps.store.entities.bulkJob.patch(key).set({ status: 'done', updatedAt: job.updatedAt }).go();
    await announce(deps, connections, job);
  }
  return progressOf(job);
}

/** Best effort: the job's state is saved either way; a frame lost is read back with GET /v1/jobs/{id}. */
async function announce(deps: Deps, connections: ConnectionPoster, job: BulkJob) {
  const rooms = new Rooms(deps);
  const members = await rooms.members(job.orgId, userRoom((job.caller as Caller).userId));
  if (members.length === 0) return;
  const frame = { type: 'job.progress', data: progressOf(job) };
  const outcome = await connections.post(members.map((m) => ({ connectionId: m.connectionId, frame })));
  await Promise.all(outcome.gone.map((connectionId) => rooms.remove(connectionId)));
}
