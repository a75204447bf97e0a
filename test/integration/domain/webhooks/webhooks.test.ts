import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebhookPoster, WebhookRequest, WebhookResponse } from '../../../../functions/domain/ports/webhook-poster';
import { BusyError, InvalidCursorError, NotFoundError } from '../../../../functions/domain/errors';
import { outboxJobOf } from '../../../../functions/domain/outbox/outbox-jobs';
import type { Deps } from '../../../../functions/domain/store/store';
import { listDeliveries, planDeliveries, replayDelivery } from '../../../../functions/domain/webhooks/deliveries';
import type { DeliveryMessage } from '../../../../functions/domain/webhooks/delivery-message';
import { dispatchDelivery } from '../../../../functions/domain/webhooks/dispatch-delivery';
import { WebhookDisabledError, WebhookUrlRefusedError } from '../../../../functions/domain/webhooks/errors';
import {
  createWebhook, deleteWebhook, getWebhook, listWebhooks, rotateWebhookSecret, toWebhookView, updateWebhook,
} from '../../../../functions/domain/webhooks/manage-webhooks';
import { AWS_NETWORK_POLICY, LOCAL_NETWORK_POLICY } from '../../../../functions/domain/webhooks/network-policy';
import type { TicketEvent } from '../../../../schemas/events';
import { integrationDeps, outboxJobsOf, seedOrg } from '../../../support/integration-store';

let clock = new Date('2026-11-22T09:00:00Z');
const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
const local = { policy: LOCAL_NETWORK_POLICY };

/** A poster that answers from a script and keeps what it was sent. */
function scriptedPoster(answers: (request: WebhookRequest) => Partial<WebhookResponse>) {
  const sent: WebhookRequest[] = [];
  const poster: WebhookPoster = {
    post: async (request) => {
      sent.push(request);
      const answer = answers(request);
      return { ok: false, statusCode: null, latencyMs: 12, responseExcerpt: null, error: null, ...answer };
    },
  };
  return { poster, sent };
}

let seq = 0;
function ticketEvent(orgId: string, type: TicketEvent['type'] = 'ticket.created', internal = false): TicketEvent {
  seq += 1;
  return {
    version: '1', id: `act_${seq}_${Math.random().toString(36).slice(2, 8)}`, type, occurredAt: clock.toISOString(), orgId, ticketId: `t_${seq}`,
    actor: { id: 'u1', role: 'agent' }, internal, ticketVersion: 1, data: { number: 'TKT-1', priority: 'high', channel: 'api' },
    ticket: {
      number: 'TKT-1', subject: 'S', status: 'new', priority: 'high', assigneeId: null, requesterEmail: 'c@example.com',
      escalationTier: 0, channel: 'api', updatedAt: clock.toISOString(), version: 1,
    },
  } as TicketEvent;
}

describe('webhooks against DynamoDB Local', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let other: Awaited<ReturnType<typeof seedOrg>>;
  beforeAll(async () => {
    ({ deps } = await integrationDeps(() => clock));
    org = await seedOrg(deps);
    other = await seedOrg(deps);
  });

  const run = (poster: WebhookPoster, queued: { message: DeliveryMessage; delay: number }[]) => ({
    deps, poster, random: () => 0.5, enqueue: async (message: DeliveryMessage, delay: number) => void queued.push({ message, delay }),
  });

  it('registers, lists, changes, rotates and removes endpoints of one organization only', async () => {
    const { endpoint, secret } = await createWebhook(deps, org.admin, { url: 'https://hooks.example.com/a', events: ['ticket.created'], description: 'CRM' }, local);
    expect(secret).toMatch(/^whsec_/);
    const view = toWebhookView(await getWebhook(deps, org.orgId, endpoint.webhookId));
    expect(view).toMatchObject({ url: 'https://hooks.example.com/a', events: ['ticket.created'], description: 'CRM', enabled: true });
    expect(JSON.stringify(view)).not.toContain(secret.slice(6));
    expect((await listWebhooks(deps, org.admin)).map((e) => e.webhookId)).toContain(endpoint.webhookId);
    expect(await listWebhooks(deps, other.admin)).toEqual([]);
    await expect(getWebhook(deps, other.orgId, endpoint.webhookId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateWebhook(deps, other.admin, endpoint.webhookId, { enabled: false }, local)).rejects.toBeInstanceOf(NotFoundError);

    const changed = await updateWebhook(deps, org.admin, endpoint.webhookId, { events: ['*'], enabled: false, description: null }, local);
    expect(changed).toMatchObject({ events: ['*'], enabled: false });
    expect(changed.description).toBeUndefined();

    const rotated = await rotateWebhookSecret(deps, org.admin, endpoint.webhookId);
    expect(rotated.secret).not.toBe(secret);
    const stored = await getWebhook(deps, org.orgId, endpoint.webhookId);
    expect((stored.secrets as { secret: string }[]).map((s) => s.secret)).toEqual([rotated.secret, secret]);

    await expect(deleteWebhook(deps, other.admin, endpoint.webhookId)).rejects.toBeInstanceOf(NotFoundError);
    await deleteWebhook(deps, org.admin, endpoint.webhookId);
    await expect(getWebhook(deps, org.orgId, endpoint.webhookId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses private destinations under the AWS policy, at registration and on change', async () => {
    const resolve = async () => [{ address: '10.1.2.3', family: 4 }];
    await expect(createWebhook(deps, org.admin, { url: 'https://intranet.example.com/x', events: ['*'] }, { policy: AWS_NETWORK_POLICY, resolve }))
      .rejects.toBeInstanceOf(WebhookUrlRefusedError);
    const { endpoint } = await createWebhook(deps, org.admin, { url: 'https://public.example.com/x', events: ['ticket.rated'] }, {
      policy: AWS_NETWORK_POLICY, resolve: async () => [{ address: '93.184.216.34', family: 4 }],
    });
    await expect(updateWebhook(deps, org.admin, endpoint.webhookId, { url: 'http://public.example.com/x' }, { policy: AWS_NETWORK_POLICY }))
      .rejects.toThrow(/https only/);
    await deleteWebhook(deps, org.admin, endpoint.webhookId);
  });

  it('plans one delivery per enabled endpoint that wants the event, once per event', async () => {
    const fresh = await seedOrg(deps);
    const make = (events: string[]) => createWebhook(deps, fresh.admin, { url: 'https://hooks.example.com/p', events: events as never }, local);
    const created = await make(['ticket.created']);
    const all = await make(['*']);
    await make(['ticket.closed']);
    const off = await make(['*']);
    await updateWebhook(deps, fresh.admin, off.endpoint.webhookId, { enabled: false }, local);

    const event = ticketEvent(fresh.orgId, 'ticket.created', true);
    const messages = await planDeliveries(deps, event);
    expect(messages.map((m) => m.webhookId).sort()).toEqual([created.endpoint.webhookId, all.endpoint.webhookId].sort());
    expect(messages.every((m) => m.seq === 0 && m.retry === 0)).toBe(true);
    // The same event again (at-least-once bus), before and after the first attempts: nothing planned.
    expect(await planDeliveries(deps, event)).toEqual([]);
    const { poster } = scriptedPoster(() => ({ ok: true, statusCode: 200 }));
    for (const message of messages) await dispatchDelivery(run(poster, []), message);
    expect(await planDeliveries(deps, event)).toEqual([]);
  });

  it('plans an event delivered twice once: one delivery and one dispatch job per endpoint, committed together', async () => {
    const fresh = await seedOrg(deps);
    const endpoints = await Promise.all([['*'], ['ticket.created']].map(async (events) =>
      (await createWebhook(deps, fresh.admin, { url: 'https://hooks.example.com/twice', events: events as never }, local)).endpoint.webhookId));
    const deliveriesOf = async (webhookId: string) =>
      (await deps.store.entities.webhookDelivery.query.byEndpoint({ orgId: fresh.orgId, webhookId }).go({ pages: 'all', consistent: true })).data;

    const event = ticketEvent(fresh.orgId);
    const planned = await planDeliveries(deps, event);
    expect(planned.map((m) => m.webhookId).sort()).toEqual([...endpoints].sort());
    // Each message is on its way through the outbox: its job item holds exactly what the dispatcher reads.
    const jobs = await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery');
    expect(jobs.map((job) => job.data)).toEqual(expect.arrayContaining(planned));
    expect(jobs).toHaveLength(2);

    expect(await planDeliveries(deps, event)).toEqual([]);
    expect(await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery')).toEqual(jobs);
    for (const webhookId of endpoints) expect((await deliveriesOf(webhookId)).map((d) => [d.eventId, d.status, d.attemptCount])).toEqual([[event.id, 'pending', 0]]);

    // Two runs at once (a redelivery racing the first): still one of each; a run that lost a
    // transaction conflict throws, so the bus retries it, and the retry plans nothing.
    const racing = ticketEvent(fresh.orgId);
    const outcomes = await Promise.allSettled([planDeliveries(deps, racing), planDeliveries(deps, racing)]);
    const sent = outcomes.flatMap((o) => (o.status === 'fulfilled' ? o.value : []));
    expect(sent.map((m) => m.webhookId).sort()).toEqual([...endpoints].sort());
    expect(await planDeliveries(deps, racing)).toEqual([]);
    const racingJobs = (await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery')).filter((job) => !jobs.some((j) => j.jobId === job.jobId));
    expect(racingJobs.map((job) => job.data)).toEqual(expect.arrayContaining(sent));
    expect(racingJobs).toHaveLength(2);
  });

  it('posts once for two copies of a message in one batch (the bus and queues are at least once)', async () => {
    const fresh = await seedOrg(deps);
    await createWebhook(deps, fresh.admin, { url: 'https://hooks.example.com/copies', events: ['*'] }, local);
    const [message] = await planDeliveries(deps, ticketEvent(fresh.orgId));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const sent: WebhookRequest[] = [];
    const poster: WebhookPoster = {
      post: async (request) => {
        sent.push(request);
        await answered;
        return { ok: true, statusCode: 200, latencyMs: 5, responseExcerpt: null, error: null };
      },
    };
    // Both read the delivery at attempt 0; the copy finds the original's attempt under way.
    const first = dispatchDelivery(run(poster, []), message!);
    const copy = dispatchDelivery(run(poster, []), { ...message! });
    expect(await copy).toEqual({ kind: 'dropped', reason: 'a copy of this message is being attempted' });
    answer();
    expect(await first).toMatchObject({ kind: 'delivered' });
    expect(sent).toHaveLength(1);
    // Later copies find the attempt count moved on.
    expect(await dispatchDelivery(run(poster, []), message!)).toEqual({ kind: 'dropped', reason: 'duplicate or superseded message' });
    expect(sent).toHaveLength(1);
  });

  it('stores no delivery without its job: a refused job leaves nothing, and the retried event plans it', async () => {
    const fresh = await seedOrg(deps);
    const { endpoint } = await createWebhook(deps, fresh.admin, { url: 'https://hooks.example.com/refused', events: ['*'] }, local);
    const clash = { ...deps, newId: () => `JOB-CLASH-${fresh.orgId}` };
    await deps.store.entities.outboxJob.create(outboxJobOf(clash, fresh.orgId, 'job.sla-policy.recompute', { taken: true })).go();
    const event = ticketEvent(fresh.orgId);
    await expect(planDeliveries(clash, event)).rejects.toThrow(/was refused/);
    expect((await deps.store.entities.webhookDelivery.query.byEndpoint({ orgId: fresh.orgId, webhookId: endpoint.webhookId }).go({ consistent: true })).data).toEqual([]);
    expect(await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery')).toEqual([]);

    const [message] = await planDeliveries(deps, event);
    expect(message).toMatchObject({ webhookId: endpoint.webhookId, seq: 0, retry: 0 });
    expect((await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery')).map((job) => job.data)).toEqual([message]);
  });

  it('writes nothing for an organization whose endpoints do not want the event', async () => {
    const fresh = await seedOrg(deps);
    expect(await planDeliveries(deps, ticketEvent(fresh.orgId))).toEqual([]);
    const { endpoint } = await createWebhook(deps, fresh.admin, { url: 'https://hooks.example.com/closed-only', events: ['ticket.closed'] }, local);
    expect(await planDeliveries(deps, ticketEvent(fresh.orgId, 'ticket.created'))).toEqual([]);
    expect((await deps.store.entities.webhookDelivery.query.byEndpoint({ orgId: fresh.orgId, webhookId: endpoint.webhookId }).go({ consistent: true })).data).toEqual([]);
    expect(await outboxJobsOf(deps, fresh.orgId)).toEqual([]);
  });

  it('signs each attempt, records it, retries a failure with backoff, and resets on success', async () => {
    const fresh = await seedOrg(deps);
    const { endpoint, secret } = await createWebhook(deps, fresh.admin, { url: 'https://hooks.example.com/r', events: ['*'] }, local);
    const [first] = await planDeliveries(deps, ticketEvent(fresh.orgId));
    let fail = true;
    const { poster, sent } = scriptedPoster(() => (fail ? { statusCode: 500, error: 'HTTP 500', responseExcerpt: 'x'.repeat(20) } : { ok: true, statusCode: 200, responseExcerpt: 'ok' }));
    const queued: { message: DeliveryMessage; delay: number }[] = [];

    const outcome = await dispatchDelivery(run(poster, queued), first);
    expect(outcome).toMatchObject({ kind: 'retrying', nextAttemptAt: new Date(clock.getTime() + 30_000).toISOString() });
    expect(queued).toEqual([{ message: { ...first, seq: 1, retry: 1, notBefore: new Date(clock.getTime() + 30_000).toISOString() }, delay: 30 }]);
    expect((await getWebhook(deps, fresh.orgId, endpoint.webhookId)).consecutiveFailures).toBe(1);
    // A duplicate of the first message is dropped: the delivery moved on.
    expect(await dispatchDelivery(run(poster, []), first)).toEqual({ kind: 'dropped', reason: 'duplicate or superseded message' });

    advance(31);
    fail = false;
    expect(await dispatchDelivery(run(poster, queued), queued[0].message)).toMatchObject({ kind: 'delivered' });
    expect(sent).toHaveLength(2);
    expect(sent[0].headers['webhook-id']).toBe(sent[1].headers['webhook-id']);
    expect(sent[0].body).toBe(sent[1].body);
    const payload = new Webhook(secret).verify(sent[1].body, sent[1].headers) as { type: string; timestamp: string; data: { orgId: string } };
    expect(payload).toMatchObject({ type: 'ticket.created', data: { orgId: fresh.orgId } });

    const page = await listDeliveries(deps, fresh.admin, endpoint.webhookId, { limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ status: 'succeeded', attemptCount: 2, nextAttemptAt: null });
    expect(page.items[0].attempts.map((a) => [a.attempt, a.ok, a.statusCode, a.error, a.latencyMs])).toEqual([
      [1, false, 500, 'HTTP 500', 12], [2, true, 200, null, 12],
    ]);
    expect(page.items[0].attempts[0].responseExcerpt).toBe('x'.repeat(20));
    expect((await getWebhook(deps, fresh.orgId, endpoint.webhookId)).consecutiveFailures).toBe(0);
  });

  it('disables an endpoint whose delivery failed for 24 h with no success, then cancels what is left', async () => {
    const fresh = await seedOrg(deps);
    const { endpoint } = await createWebhook(deps, fresh.admin, { url: 'https://down.example.com/', events: ['*'] }, local);
    const [first] = await planDeliveries(deps, ticketEvent(fresh.orgId));
    advance(1);
    const [second] = await planDeliveries(deps, ticketEvent(fresh.orgId));
    const { poster, sent } = scriptedPoster(() => ({ statusCode: 503, error: 'HTTP 503' }));
    const queued: { message: DeliveryMessage; delay: number }[] = [];
    const start = clock.getTime();
    let message: DeliveryMessage | undefined = first;
    let outcome;
    while (message) {
      outcome = await dispatchDelivery(run(poster, queued), message);
      message = queued.shift()?.message;
      if (message) clock = new Date(message.notBefore);
    }
    expect(outcome).toMatchObject({ kind: 'exhausted', disabled: true });
    expect(clock.getTime() - start).toBeGreaterThanOrEqual(24 * 3_600_000);
    const disabled = await getWebhook(deps, fresh.orgId, endpoint.webhookId);
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: sent.length });
    expect(disabled.disabledReason).toMatch(/failed \d+ times over 24 h/);
    expect(await dispatchDelivery(run(poster, []), second)).toEqual({ kind: 'dropped', reason: 'endpoint disabled' });
    const page = await listDeliveries(deps, fresh.admin, endpoint.webhookId, { limit: 10 });
    expect(page.items.map((d) => d.status)).toEqual(['cancelled', 'failed']);
    expect(page.items[1].attempts).toHaveLength(sent.length);
    await expect(replayDelivery(deps, fresh.admin, endpoint.webhookId, first.deliveryId)).rejects.toBeInstanceOf(WebhookDisabledError);

    // An admin fixes the receiver and enables it again: the failure record is cleared and the failed delivery can be replayed.
    const enabled = await updateWebhook(deps, fresh.admin, endpoint.webhookId, { enabled: true }, local);
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0 });
    expect(enabled.disabledReason).toBeUndefined();
    const { message: replay } = await replayDelivery(deps, fresh.admin, endpoint.webhookId, first.deliveryId);
    const { poster: fixed } = scriptedPoster(() => ({ ok: true, statusCode: 200 }));
    expect(await dispatchDelivery(run(fixed, []), replay)).toMatchObject({ kind: 'delivered' });
  });

  it('lists deliveries newest first with cursors, and replays one with the same id and a fresh run', async () => {
    const fresh = await seedOrg(deps);
    const { endpoint } = await createWebhook(deps, fresh.admin, { url: 'https://hooks.example.com/l', events: ['*'] }, local);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      advance(1);
      ids.push(...(await planDeliveries(deps, ticketEvent(fresh.orgId))).map((m) => m.deliveryId));
    }
    const one = await listDeliveries(deps, fresh.admin, endpoint.webhookId, { limit: 2 });
    const two = await listDeliveries(deps, fresh.admin, endpoint.webhookId, { limit: 2, cursor: one.nextCursor! });
    const three = await listDeliveries(deps, fresh.admin, endpoint.webhookId, { limit: 2, cursor: two.nextCursor! });
    expect([...one.items, ...two.items, ...three.items].map((d) => d.id)).toEqual([...ids].reverse());
    expect(three.nextCursor).toBeNull();
    await expect(listDeliveries(deps, fresh.admin, endpoint.webhookId, { limit: 2, cursor: 'bogus' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listDeliveries(deps, other.admin, endpoint.webhookId, { limit: 2 })).rejects.toBeInstanceOf(NotFoundError);

    const { poster, sent } = scriptedPoster(() => ({ ok: true, statusCode: 200 }));
    const [target] = await planDeliveries(deps, ticketEvent(fresh.orgId));
    await dispatchDelivery(run(poster, []), target);
    const planned = await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery'); // the first dispatches
    const { message, delivery } = await replayDelivery(deps, fresh.admin, endpoint.webhookId, target.deliveryId);
    expect(delivery.status).toBe('pending');
    expect(message).toMatchObject({ deliveryId: target.deliveryId, seq: 1, retry: 0 });
    // The message is on its way through the outbox: a job item written with the delivery's reset.
    const jobs = (await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery')).filter((job) => !planned.some((p) => p.jobId === job.jobId));
    expect(jobs.map((job) => job.data)).toEqual([message]);
    expect(await dispatchDelivery(run(poster, []), message)).toMatchObject({ kind: 'delivered' });
    expect(sent.map((r) => r.headers['webhook-id'])).toEqual([`msg_${target.deliveryId}`, `msg_${target.deliveryId}`]);
    await expect(replayDelivery(deps, fresh.admin, endpoint.webhookId, '01JD0000000000000000000000')).rejects.toBeInstanceOf(NotFoundError);
    await expect(replayDelivery(deps, other.admin, endpoint.webhookId, target.deliveryId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('resets a replayed delivery only together with its job: when the job cannot be written, the delivery stays as it was', async () => {
    const fresh = await seedOrg(deps);
    const { endpoint } = await createWebhook(deps, fresh.admin, { url: 'https://hooks.example.com/j', events: ['*'] }, local);
    const [target] = await planDeliveries(deps, ticketEvent(fresh.orgId));
    const { poster } = scriptedPoster(() => ({ ok: true, statusCode: 200 }));
    await dispatchDelivery(run(poster, []), target);
    const key = { orgId: fresh.orgId, webhookId: endpoint.webhookId, deliveryId: target.deliveryId };
    const before = (await deps.store.entities.webhookDelivery.get(key).go({ consistent: true })).data!;
    expect(before.status).toBe('succeeded');

    const planned = await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery'); // the first dispatch's
    expect(planned.map((job) => job.data)).toEqual([target]);
    const clash = { ...deps, newId: () => 'JOB-CLASH-WEBHOOK' };
    await deps.store.entities.outboxJob.create(outboxJobOf(clash, fresh.orgId, 'job.sla-policy.recompute', { taken: true })).go();
    await expect(replayDelivery(clash, fresh.admin, endpoint.webhookId, target.deliveryId)).rejects.toBeInstanceOf(BusyError);
    expect((await deps.store.entities.webhookDelivery.get(key).go({ consistent: true })).data).toEqual(before);
    expect(await outboxJobsOf(deps, fresh.orgId, 'job.webhook.delivery')).toEqual(planned);
  });
});
