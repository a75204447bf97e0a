import { readTickets } from '../store/read-tickets';
import type { ExportFilters, ExportRequestBody, ExportView } from '../../../schemas/analytics';
import { type Caller, isStaff, isSupervisor } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import { outboxJobOf } from '../outbox/outbox-jobs';
import type { AttachmentStore } from '../ports/attachment-store';
import type { Deps } from '../store/store';
import type { Message } from '../tickets/message.entity';
import type { Ticket } from '../tickets/ticket.entity';
import { csvLine } from './csv';
import type { ExportJob } from './export-job.entity';
import { intervalMeasures } from './stats-query';
import { segmentsOf } from './stats-range';
import { privacyBundle } from '../privacy/privacy-bundle';

/** Tickets read per Query page while exporting: what the worker holds at once. */
export const EXPORT_PAGE_SIZE = 100;
/** How long a download link works. */
export const EXPORT_URL_SECONDS = 300;

/** What the export queue receives (the outbox job's data). */
export interface ExportJobMessage {
  orgId: string;
  exportId: string;
}

const objectKeyOf = (orgId: string, exportId: string, extension: string) => `tickets/${orgId}/exports/${exportId}.${extension}`;

/**
 * Asks for an export: the job item and its outbox job commit together, so the worker is
 * handed every export that was accepted. Supervisors and admins only.
 * @throws ForbiddenError for agents and customers.
 */
export async function requestExport(
  deps: Deps, caller: Caller, input: ExportRequestBody | { kind: 'privacy'; email: string },
): Promise<{ exportId: string }> {
  if (input.kind === 'privacy' ? caller.role !== 'admin' : !isSupervisor(caller)) {
    throw new ForbiddenError(input.kind === 'privacy' ? 'only admins export a requester\'s data' : 'exports are for supervisors and admins');
  }
  const exportId = deps.newId();
  const job: ExportJob = {
    orgId: caller.orgId, exportId, kind: input.kind, params: input, status: 'queued', requestedBy: caller.userId, createdAt: deps.now().toISOString(),
  };
  const message: ExportJobMessage = { orgId: caller.orgId, exportId };
  await deps.store.transaction
    .write(({ exportJob, outboxJob }) => [
      exportJob.create(job).commit(),
      outboxJob.create(outboxJobOf(deps, caller.orgId, 'job.analytics.export', message as unknown as Record<string, unknown>)).commit(),
    ])
    .go();
  return { exportId };
}

/**
 * An export's state and, once done, a fresh short-lived download link. Privacy bundles are for
 * admins; other exports for supervisors and admins.
 * @throws NotFoundError (no such export in the caller's organization), ForbiddenError.
 */
export async function getExport(deps: Deps, files: AttachmentStore, caller: Caller, exportId: string): Promise<ExportView> {
  if (!isStaff(caller)) throw new ForbiddenError('exports are for staff');
  const { data } = await deps.store.entities.exportJob.get({ orgId: caller.orgId, exportId }).go({ consistent: true });
  if (!data) throw new NotFoundError('export', exportId);
  if (data.kind === 'privacy' ? caller.role !== 'admin' : !isSupervisor(caller)) throw new ForbiddenError('not your export to read');
  const view: ExportView = {
    exportId, kind: data.kind, status: data.status, createdAt: data.createdAt,
    ...(data.rows !== undefined ? { rows: data.rows } : {}), ...(data.finishedAt ? { finishedAt: data.finishedAt } : {}),
  };
  if (data.status === 'done' && data.objectKey) {
    view.url = await files.downloadUrl({
      key: data.objectKey, filename: data.filename ?? `${exportId}.csv`, contentType: data.contentType ?? 'text/csv; charset=utf-8',
      expiresInSeconds: EXPORT_URL_SECONDS,
    });
    view.expiresAt = new Date(deps.now().getTime() + EXPORT_URL_SECONDS * 1000).toISOString();
  }
  return view;
}

const matches = (ticket: Ticket, filters: ExportFilters | undefined) =>
  !filters || (
    (!filters.status || ticket.status === filters.status)
    && (!filters.priority || ticket.priority === filters.priority)
    && (!filters.channel || ticket.channel === filters.channel)
    && (!filters.category || ticket.category === filters.category)
    && (!filters.departmentId || ticket.departmentId === filters.departmentId));

/** The organization's tickets created in [start, end), one Query page (and one BatchGetItem) at a time. */
async function* ticketPages(deps: Deps, orgId: string, start: number, end: number): AsyncGenerator<Ticket[]> {
  let cursor: string | null = null;
  do {
    const page: { data: Ticket[]; cursor: string | null } = await deps.store.entities.ticket.query
      .byOrgCreated({ orgId })
      .between({ createdAt: new Date(start).toISOString() }, { createdAt: new Date(end - 1).toISOString().replace(/Z$/, 'Z~') })
      .go({ cursor, limit: EXPORT_PAGE_SIZE });
    // The index carries only keys and filter attributes: the page's tickets are read whole by id.
    yield readTickets(deps, orgId, page.data.map((t) => t.ticketId));
    cursor = page.cursor;
  } while (cursor);
}

async function messagesOf(deps: Deps, orgId: string, ticketId: string): Promise<Message[]> {
  const { data } = await deps.store.entities.message.query.byTicket({ orgId, ticketId }).go({ pages: 'all' });
  return data;
}

const TICKET_COLUMNS = [
  'number', 'ticketId', 'subject', 'status', 'priority', 'channel', 'category', 'departmentId', 'assigneeId', 'requesterEmail', 'requesterName',
  'createdAt', 'firstResponseAt', 'resolvedAt', 'closedAt', 'ratingScore', 'tags',
];
const ticketRow = (t: Ticket) => [
  t.number, t.ticketId, t.subject, t.status, t.priority, t.channel, t.category, t.departmentId, t.assigneeId, t.requesterEmail, t.requesterName,
  t.createdAt, t.firstResponseAt, t.resolvedAt, t.closedAt, (t.rating as { score?: number } | undefined)?.score, (t.tags ?? []).join(';'),
];
const MESSAGE_COLUMNS = ['ticketNumber', 'ticketId', 'messageId', 'createdAt', 'authorRole', 'authorId', 'internal', 'channel', 'body'];
const STATS_COLUMNS = [
  'date', 'created', 'resolved', 'closed', 'reopened', 'firstResponseCount', 'firstResponseAvgSeconds', 'firstResponseP50Seconds',
  'firstResponseP90Seconds', 'resolutionCount', 'resolutionAvgSeconds', 'resolutionP50Seconds', 'resolutionP90Seconds', 'slaFirstResponseMet',
  'slaFirstResponseBreached', 'slaResolutionMet', 'slaResolutionBreached', 'csatCount', 'csatAverage',
];

/** The CSV of an export, page by page: each chunk is the lines of one page of tickets (or of the stats days). */
async function* csvChunks(deps: Deps, job: ExportJob, counter: { rows: number }): AsyncGenerator<string> {
  const params = job.params as ExportRequestBody;
  if (params.kind === 'stats') {
    yield csvLine(STATS_COLUMNS);
    const days = await intervalMeasures(deps, job.orgId, { ...params, interval: 'day' });
    let chunk = '';
    for (const { date, measures: m } of days) {
      counter.rows++;
      chunk += csvLine([
        date, m.created, m.resolved, m.closed, m.reopened, m.firstResponse.count, m.firstResponse.avgSeconds, m.firstResponse.p50Seconds,
        m.firstResponse.p90Seconds, m.resolution.count, m.resolution.avgSeconds, m.resolution.p50Seconds, m.resolution.p90Seconds,
        m.sla.firstResponse.met, m.sla.firstResponse.breached, m.sla.resolution.met, m.sla.resolution.breached, m.csat.count, m.csat.average,
      ]);
    }
    yield chunk;
    return;
  }
  const { start, end } = segmentsOf(params.from, params.to, params.tz);
  yield csvLine(params.kind === 'tickets' ? TICKET_COLUMNS : MESSAGE_COLUMNS);
  for await (const page of ticketPages(deps, job.orgId, start, end)) {
    let chunk = '';
    for (const ticket of page.filter((t) => matches(t, params.filters))) {
      if (params.kind === 'tickets') {
        counter.rows++;
        chunk += csvLine(ticketRow(ticket));
        continue;
      }
      for (const m of await messagesOf(deps, job.orgId, ticket.ticketId)) {
        counter.rows++;
        chunk += csvLine([ticket.number, ticket.ticketId, m.messageId, m.createdAt, m.authorRole, m.authorId, m.internal, m.channel, m.body]);
      }
    }
    yield chunk;
  }
}

async function* bufferChunks(texts: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const text of texts) if (text) yield Buffer.from(text, 'utf8');
}

/**
 * The worker: writes the export's file and marks the job done (or failed, with the reason).
 * Tickets are read a page at a time and turned into CSV text at once, so the worker holds one
 * page of items and the CSV text, never the organization's items. A job already done is left
 * as it is (SQS may deliver twice). The CSV streams into a multipart upload (parts of 5 MiB),
 * so memory stays flat however many rows the organization has.
 */
export async function runExport(deps: Deps, files: AttachmentStore, message: ExportJobMessage): Promise<'done' | 'skipped'> {
  const { data: job } = await deps.store.entities.exportJob.get(message).go({ consistent: true });
  if (!job || job.status === 'done' || job.status === 'failed') return 'skipped';
  await deps.store.entities.exportJob.patch(message).set({ status: 'running' }).go();
  try {
    const counter = { rows: 0 };
    let extension = 'csv';
    let contentType = 'text/csv; charset=utf-8';
    let objectKey: string;
    if (job.kind === 'privacy') {
      // One requester's bundle: bounded by their tickets, written whole.
      const bundle = await privacyBundle(deps, job.orgId, (job.params as { email: string }).email);
      counter.rows = bundle.tickets.length;
      extension = 'json';
      contentType = 'application/json';
      objectKey = objectKeyOf(job.orgId, job.exportId, extension);
      await files.put(objectKey, Buffer.from(JSON.stringify(bundle, null, 2), 'utf8'), contentType);
    } else {
      // Each page's CSV text goes straight into the upload's current part: memory holds one page and one part.
      objectKey = objectKeyOf(job.orgId, job.exportId, extension);
      await files.putStream(objectKey, bufferChunks(csvChunks(deps, job, counter)), contentType);
    }
    await deps.store.entities.exportJob.patch(message).set({
      status: 'done', rows: counter.rows, objectKey, contentType, filename: `${job.kind}-export-${job.exportId}.${extension}`,
      finishedAt: deps.now().toISOString(),
    }).go();
    return 'done';
  } catch (error) {
    // Queued again: the queue delivers the job again (and dead-letters it after its tries).
    await deps.store.entities.exportJob.patch(message).set({ status: 'queued', error: String((error as Error).message ?? error).slice(0, 500) }).go();
    throw error;
  }
}
