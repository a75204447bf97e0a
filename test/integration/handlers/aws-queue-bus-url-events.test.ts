/** SQS batches, EventBridge events, Scheduler input and Function URL requests through their handlers (map: test/support/aws-world.ts). */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../../support/corpora';
import {
  type AnyHandler, json, ctx, clone, suite, FUNCTION_URL, SQS, EVENTBRIDGE, FOREIGN, deps, org, mailbox, objects, provideAwsWorld,
} from '../../support/aws-world';

beforeAll(provideAwsWorld);

const sqsRecord = (body: string, over: Partial<SQSRecord> = {}): SQSRecord => ({
  messageId: randomUUID(), receiptHandle: 'rh', body, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:eu-west-1:1:q', awsRegion: 'eu-west-1',
  messageAttributes: {}, attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' }, ...over,
});
const snsEnvelope = (message: unknown) => JSON.stringify({
  Type: 'Notification', MessageId: randomUUID(), TopicArn: 'arn:aws:sns:eu-west-1:1:inbound', Subject: 'Amazon SES Email Receipt Notification',
  Message: typeof message === 'string' ? message : JSON.stringify(message), Timestamp: new Date().toISOString(), SignatureVersion: '1', Signature: 'x', SigningCertURL: 'https://x', UnsubscribeURL: 'https://x',
});
const failedIds = (response: unknown) => (response as SQSBatchResponse).batchItemFailures.map((f) => f.itemIdentifier).sort();

suite('SQS consumers', () => {
  const SQS_HANDLERS = ['analytics-export', 'bulk-jobs', 'kb-reindex', 'sla-policy-recompute', 'webhook-dispatcher', 'weekly-summary-schedule', 'stats-rollup', 'email-inbound', 'meta-inbound'];

  it('drops every corpus SQS batch (foreign bodies) with a logged reason: no failure reported, no throw', async () => {
    for (const name of SQS_HANDLERS) {
      const { handler } = (await import(`../../../functions/handlers/sqs/${name}.ts`)) as { handler: AnyHandler };
      for (const file of SQS) {
        const response = await handler(json<SQSEvent>(file), ctx(name));
        expect([name, file, failedIds(response)]).toEqual([name, file, []]);
      }
    }
  });

  it('drops every other corpus event as a queue message body, bare or in an SNS envelope, in every SQS consumer', async () => {
    for (const name of SQS_HANDLERS) {
      const { handler } = (await import(`../../../functions/handlers/sqs/${name}.ts`)) as { handler: AnyHandler };
      const records = [...FOREIGN, ...EVENTBRIDGE].flatMap((file) => {
        const text = readFileSync(corpusPath('aws', file), 'utf8');
        return [sqsRecord(text), sqsRecord(snsEnvelope(text))];
      });
      expect([name, failedIds(await handler({ Records: records }, ctx(name)))]).toEqual([name, []]);
    }
  });

  describe('email-inbound: SES receipt notifications inside SNS envelopes', () => {
    let inbound: AnyHandler;
    beforeAll(async () => {
      ({ handler: inbound } = (await import('../../../functions/handlers/sqs/email-inbound')) as unknown as { handler: AnyHandler });
    });
    const mime = (subject: string, from = `carla.${randomUUID().slice(0, 6)}@customer.example`) => Buffer.from([
      'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', `From: Carla <${from}>`, `To: ${mailbox}`, `Subject: ${subject}`,
      `Message-ID: <${randomUUID()}@customer.example>`, 'Date: Sun, 22 Nov 2026 10:00:00 +0000', '', 'My printer is on fire.', '',
    ].join('\r\n'));
    /** A corpus SES receipt (mail + receipt), re-addressed to our mailbox, its S3 action naming `objectKey`. */
    const sesReceipt = (file: string, objectKey?: string) => {
      const { ses } = json<{ Records: { ses: { mail: Record<string, unknown>; receipt: { recipients: string[]; action: Record<string, unknown> } } }[] }>(file).Records[0]!;
      ses.receipt.recipients = [mailbox];
      if (objectKey) ses.receipt.action = { ...ses.receipt.action, type: 'S3', bucketName: 'mail', objectKey };
      return { notificationType: 'Received', ...ses };
    };
    const ticketsWithSubject = async (subject: string) =>
      (await deps.store.entities.ticket.scan.where(({ subject: s }, { eq }) => eq(s, subject)).go({ pages: 'all' })).data;

    it('opens a ticket from each corpus SES S3-action receipt, once, however the object key is spelt', async () => {
      for (const [file, key] of [
        ['aws-lambda-go/ses-s3-event.json', `inbound/${randomUUID()}`],
        ['powertools-lambda-python/sesEvent.json', `inbound/a+b%2Bc ${randomUUID()}`],
        ['powertools-lambda-typescript/ses/base.json', `inbound/ünïcødé-${randomUUID()}`],
      ] as const) {
        const subject = `From ${file} ${randomUUID().slice(0, 6)}`;
        objects.items.set(key, mime(subject));
        const record = sqsRecord(snsEnvelope(sesReceipt(file, key)));
        expect([file, failedIds(await inbound({ Records: [record] }, ctx('email-inbound')))]).toEqual([file, []]);
        // SNS and SQS deliver at least once: the same notification again is a duplicate, not a second ticket,
        // and so is the bare notification (a subscription with raw message delivery on).
        expect([file, failedIds(await inbound({ Records: [{ ...record, messageId: randomUUID() }] }, ctx('email-inbound')))]).toEqual([file, []]);
        expect([file, failedIds(await inbound({ Records: [sqsRecord(JSON.stringify(sesReceipt(file, key)))] }, ctx('email-inbound')))]).toEqual([file, []]);
        expect([file, (await ticketsWithSubject(subject)).length]).toEqual([file, 1]);
      }
    });

    it('opens a ticket from a bare SES notification (raw message delivery on)', async () => {
      const subject = `Raw ${randomUUID().slice(0, 6)}`;
      const key = `inbound/${randomUUID()}`;
      objects.items.set(key, mime(subject));
      expect(failedIds(await inbound({ Records: [sqsRecord(JSON.stringify(sesReceipt('aws-lambda-go/ses-s3-event.json', key)))] }, ctx('email-inbound')))).toEqual([]);
      expect(await ticketsWithSubject(subject)).toHaveLength(1);
    });

    it('in one batch: processes the good record, drops the ones retrying cannot help, and reports only the one that can succeed later', async () => {
      const subject = `Batch ${randomUUID().slice(0, 6)}`;
      const key = `inbound/${randomUUID()}`;
      objects.items.set(key, mime(subject));
      const good = sqsRecord(snsEnvelope(sesReceipt('aws-lambda-go/ses-s3-event.json', key)));
      const notYetStored = sqsRecord(snsEnvelope(sesReceipt('aws-lambda-go/ses-s3-event.json', `inbound/missing-${randomUUID()}`)));
      const garbage = [
        sqsRecord('not json at all'), sqsRecord(''), sqsRecord('null'), sqsRecord('[]'), sqsRecord('"a string"'),
        sqsRecord(snsEnvelope('not json inside')), sqsRecord(snsEnvelope({ hello: 'world' })),
        sqsRecord(JSON.stringify({ Type: 'SubscriptionConfirmation', MessageId: 'm', Token: 't', SubscribeURL: 'https://x', Message: 'You have chosen to subscribe' })),
        // SES's Lambda action and SNS action (no S3 object): Helpdesk's rule never sends them, and a retry cannot make them readable.
        sqsRecord(snsEnvelope(sesReceipt('aws-lambda-go/ses-lambda-event.json'))),
        sqsRecord(snsEnvelope(sesReceipt('aws-lambda-go/ses-sns-event.json'))),
        // The SES event as Lambda's SES trigger gets it, and an S3 notification, delivered to the queue.
        sqsRecord(readFileSync(corpusPath('aws', 'aws-lambda-go/ses-lambda-event.json'), 'utf8')),
        sqsRecord(readFileSync(corpusPath('aws', 'aws-lambda-go/s3-event.json'), 'utf8')),
        sqsRecord(snsEnvelope(json('aws-lambda-go/s3-event.json'))),
        sqsRecord(readFileSync(corpusPath('aws', 'powertools-lambda-typescript/s3/delete-object.json'), 'utf8')),
        // SES's SNS action with the mail inline (`content`): Helpdesk's rule stores mail in S3 instead, so there is no object to read.
        sqsRecord(snsEnvelope({ ...sesReceipt('aws-lambda-go/ses-sns-event.json'), content: mime('inline').toString('base64') })),
      ];
      const response = await inbound({ Records: [garbage[0]!, good, notYetStored, ...garbage.slice(1)] }, ctx('email-inbound'));
      expect(failedIds(response)).toEqual([notYetStored.messageId]);
      expect(await ticketsWithSubject(subject)).toHaveLength(1);
    });
  });

  it('stats-rollup: applies the ticket event of a whole EventBridge envelope beside garbage records, and reports none of them', async () => {
    const { handler } = (await import('../../../functions/handlers/sqs/stats-rollup')) as unknown as { handler: AnyHandler };
    const { createTicket } = await import('../../../functions/domain/tickets/create-ticket');
    const { eventFromActivity } = await import('../../../functions/domain/events/event-from-activity');
    const { applyTicketStatsBatch } = await import('../../../functions/domain/analytics/rollup');
    const ticket = await createTicket(deps, org.agent, { subject: 'Rollup', description: 'd', priority: 'low', tags: [], customFields: {}, requester: { email: org.customer.email } });
    const { data } = await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId: ticket.ticketId }).go({ pages: 'all' });
    const created = data.map((a) => eventFromActivity(a)).find((e) => e?.type === 'ticket.created')!;
    const envelope = { ...json('powertools-lambda-python/eventBridgeEvent.json'), 'detail-type': created.type, source: 'helpdesk', detail: created };
    const records = [sqsRecord('garbage'), sqsRecord(JSON.stringify(envelope)), sqsRecord(snsEnvelope(envelope)), sqsRecord(JSON.stringify(json('powertools-lambda-python/eventBridgeEvent.json')))];
    expect(failedIds(await handler({ Records: records }, ctx('stats-rollup')))).toEqual([]);
    // Applied by the handler: the same event again adds nothing.
    expect(await applyTicketStatsBatch(deps, [created])).toEqual(['duplicate']);
  });

  it('meta-inbound (FIFO): a garbage record is recorded and dropped, its group goes on, other groups are not held', async () => {
    const { handler } = (await import('../../../functions/handlers/sqs/meta-inbound')) as unknown as { handler: AnyHandler };
    const fifo = json<SQSEvent>('powertools-lambda-python/snsSqsFifoEvent.json');
    const base = fifo.Records[0]!;
    const records = ['a', 'a', 'b'].map((group, i) => ({ ...clone(base), messageId: `fifo-${i}`, body: i === 0 ? '{{{' : JSON.stringify({ orgId: 'o' }), attributes: { ...base.attributes, MessageGroupId: group } }));
    expect(failedIds(await handler({ Records: records }, ctx('meta-inbound')))).toEqual([]);
    // Without attributes (not what SQS sends, but never a TypeError for the whole batch).
    const bare = { ...clone(base), messageId: 'bare', attributes: undefined } as unknown as SQSRecord;
    expect(failedIds(await handler({ Records: [bare] }, ctx('meta-inbound')))).toEqual([]);
  });
});

suite('EventBridge → bus consumers and the Scheduler target', () => {
  const BUS_HANDLERS = ['agent-load', 'assist-learner', 'assist-new-ticket', 'automations', 'category-usage', 'email-notifier', 'meta-sender', 'realtime-broadcast', 'sla-planner', 'ticket-router', 'webhook-fan-out'];

  it('ignores every corpus EventBridge event, and every other corpus event, in every consumer (none is one of our ticket or job events), without a throw or a record', async () => {
    for (const name of BUS_HANDLERS) {
      const { handler } = (await import(`../../../functions/handlers/events/${name}.ts`)) as { handler: AnyHandler };
      for (const file of [...EVENTBRIDGE, ...FOREIGN]) {
        expect([name, file, await handler(json(file), ctx(name))]).toEqual([name, file, { outcome: 'ignored' }]);
      }
    }
  });

  it('timer-fired: drops every corpus EventBridge event and other foreign input with a reason, so Scheduler does not retry it', async () => {
    const { handler } = (await import('../../../functions/handlers/schedules/timer-fired')) as unknown as { handler: AnyHandler };
    for (const file of [...EVENTBRIDGE, ...FOREIGN]) {
      expect([file, await handler(json(file), ctx('timer-fired'))]).toEqual([file, { done: false, reason: 'unreadable-payload' }]);
    }
    for (const input of [{}, { kind: 'sla' }, { kind: 'weekly-summary' }, { kind: 'nope', orgId: 'o', ticketId: 't' }, 'a string', null]) {
      expect(await handler(input, ctx('timer-fired'))).toEqual({ done: false, reason: 'unreadable-payload' });
    }
    // A timer of ours for a ticket that is gone is read and ignored, as before.
    const sla = { kind: 'sla', orgId: org.orgId, ticketId: 'gone', target: 'firstResponse', stage: 'breach', slaVersion: 1 };
    expect(await handler(sla, ctx('timer-fired'))).toEqual({ done: false, reason: 'ticket-gone' });
  });
});

suite('Lambda Function URL → the Meta webhooks', () => {
  it('answers every corpus Function URL request with 403 (GET, no subscription), 401 (POST, unsigned) or 405, never a 500', async () => {
    for (const product of ['whatsapp', 'instagram']) {
      const { handler } = (await import(`../../../functions/handlers/url/meta-${product}.ts`)) as { handler: AnyHandler };
      for (const file of FUNCTION_URL) {
        const sample = json<{ requestContext: { http: { method: string } } }>(file);
        const result = await handler(sample, ctx(`meta-${product}`)) as { statusCode: number };
        const method = sample.requestContext.http.method.toUpperCase();
        const expected = method === 'GET' ? 403 : method === 'POST' ? 401 : 405;
        expect([product, file, result.statusCode]).toEqual([product, file, expected]);
      }
      const noContext = await handler({ version: '2.0', rawPath: '/', headers: {} }, ctx(`meta-${product}`)) as { statusCode: number };
      expect(noContext.statusCode).toBeLessThan(500);
    }
  });

  it('reads a signed Meta body however the Function URL hands it: raw or base64, header names in any case', async () => {
    const { handler } = (await import('../../../functions/handlers/url/meta-whatsapp')) as unknown as { handler: AnyHandler };
    const vector = JSON.parse(readFileSync(corpusPath('meta', 'signature', 'pywa_signature_vector.json'), 'utf8')) as { x_hub_signature_256: string };
    const raw = readFileSync(corpusPath('meta', 'signature', 'pywa_signature_vector.body.json'));
    for (const [body, isBase64Encoded, header] of [
      [raw.toString('utf8'), false, 'x-hub-signature-256'], [raw.toString('base64'), true, 'X-Hub-Signature-256'], [raw.toString('base64'), true, 'X-HUB-SIGNATURE-256'],
    ] as const) {
      const event = json('aws-lambda-go/lambda-urls-request.json');
      Object.assign(event, { body, isBase64Encoded, headers: { 'content-type': 'application/json', [header]: vector.x_hub_signature_256 } });
      event.requestContext.http.method = 'POST';
      const result = await handler(event, ctx('meta-whatsapp')) as { statusCode: number; body: string };
      // The body names a phone number no channel here has: recorded as unrouted, and 200 so Meta does not retry.
      expect([header, result.statusCode]).toEqual([header, 200]);
      expect(JSON.parse(result.body)).toMatchObject({ queued: 0 });
    }
    const garbled = json('aws-lambda-go/lambda-urls-request.json');
    Object.assign(garbled, { body: '%%%not base64%%%', isBase64Encoded: true, headers: { 'x-hub-signature-256': vector.x_hub_signature_256 } });
    garbled.requestContext.http.method = 'POST';
    expect(((await handler(garbled, ctx('meta-whatsapp'))) as { statusCode: number }).statusCode).toBe(400);
  });
});
