import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalQueues } from './adapters/local-queues';
import { busDetailOf, isTicketEvent } from '../../functions/domain/events/bus-detail-of';
import { DEAD_LETTER_EVENTS_FILE, type EventRetries } from './adapters/event-retries';
import { unmarshallImage } from '../../functions/handlers/events/unmarshall-image';
import { EVENT_RULES, type EventRuleSpec, detailMatches, ruleMatches } from '../../functions/manifest/event-rules';
import { type BusDetail, type BusEvent, EVENT_SOURCE, type JobEvent } from '../../schemas/events';
import { readJson, writeJson } from './adapters/local-state';
import { loadHandler } from './handler-loader';
import { invoke } from './invoke';
import { lambdaContext } from './lambda-context';
import type { Context } from 'aws-lambda';

export interface EventPumpOptions {
  rootDir: string;
  dataDir: string;
  tableName: string;
  dynamo: DynamoDBClient;
  endpoint: string;
  queues: LocalQueues;
  /** Failed deliveries wait here for their next try (backoff on the runtime's clock). */
  retries: EventRetries;
  now: () => Date;
  rules?: readonly EventRuleSpec[];
}

/** Tickets whose events are delivered at once. */
const LANES = 8;

/**
 * Plays Pipe + EventBridge locally: reads DynamoDB Local's own stream, keeps outbox inserts
 * (the Pipe's filter: activities and jobs), turns them into bus events with the enrichment's
 * conversion and delivers each to the targets of every matching rule of the shared manifest.
 * Progress is checkpointed, so a restart neither loses nor replays events. Observers (tests,
 * the dev tools) see every delivered ticket event.
 *
 * A target that fails is retried with backoff on the runtime's clock (EventRetries), as
 * EventBridge retries a target, while the stream moves on. Once `stop()` is called a failure
 * may be the shutdown's doing (storage going away): then the checkpoint stays before that
 * record, and the next start delivers it again (consumers are idempotent on the event id).
 */
export class EventPump {
  private readonly streams: DynamoDBStreamsClient;
  private readonly checkpointFile: string;
  private checkpoint: Record<string, string>;
  private iterators = new Map<string, string | undefined>();
  private running = false;
  private stopping = false;
  private rounds = 0;
  private idleRounds = 0;
  private processed = 0;
  private loop?: Promise<void>;
  private readonly observers = new Set<(event: BusEvent) => void>();

  constructor(private readonly options: EventPumpOptions) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    this.checkpointFile = path.join(options.dataDir, 'stream-checkpoint.json');
    this.checkpoint = readJson(this.checkpointFile, {});
  }

  onEvent(observer: (event: BusEvent) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Resolves once two whole rounds (stream and due retries) found nothing to deliver, or at
   * `deadline` (epoch ms). @returns how much it delivered meanwhile (0: it was already idle).
   */
  async drain(deadline: number): Promise<number> {
    const [fromRound, fromProcessed] = [this.rounds, this.processed];
    while (this.running && Date.now() < deadline && !(this.rounds >= fromRound + 2 && this.idleRounds >= 2)) await sleep(20);
    return this.processed - fromProcessed;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    await this.loop;
    this.streams.destroy();
  }

  private async run() {
    const { Table } = await this.options.dynamo.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error('the table has no stream');
    let lastDescribe = 0;
    while (this.running) {
      try {
        if (Date.now() - lastDescribe > 5_000) {
          await this.discoverShards(streamArn);
          lastDescribe = Date.now();
        }
        const delivered = (await this.pollShards()) + (await this.retryDue());
        this.rounds += 1;
        this.idleRounds = delivered ? 0 : this.idleRounds + 1;
        this.processed += delivered;
        if (!delivered) await sleep(20);
      } catch (error) {
        console.error('event pump:', (error as Error).message);
        await sleep(500);
      }
    }
  }

  private async discoverShards(streamArn: string) {
    const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.iterators.has(shard.ShardId)) continue;
      const after = this.checkpoint[shard.ShardId];
      const { ShardIterator } = await this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn, ShardId: shard.ShardId,
          ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      this.iterators.set(shard.ShardId, ShardIterator);
    }
  }

  private async pollShards(): Promise<number> {
    let delivered = 0;
    for (const [shardId, iterator] of this.iterators) {
      if (!iterator) continue;
      const { Records = [], NextShardIterator } = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      this.iterators.set(shardId, NextShardIterator);
      const outcomes = await this.deliverAll(Records);
      // The checkpoint moves to the last record before the first one not delivered.
      const firstHalted = outcomes.indexOf('halt');
      const done = firstHalted < 0 ? Records.length : firstHalted;
      if (firstHalted >= 0) this.iterators.delete(shardId); // read again from the checkpoint
      if (done > 0) {
        this.checkpoint[shardId] = Records[done - 1].dynamodb!.SequenceNumber!;
        writeJson(this.checkpointFile, this.checkpoint);
      }
      delivered += done;
    }
    return delivered;
  }

  /**
   * Delivers a page of records: one ticket's events in stream order, different tickets'
   * concurrently (as the Pipe's batches and EventBridge's targets run side by side in AWS).
   * After a halt the rest of that ticket's records wait for the next read.
   */
  private async deliverAll(records: _Record[]): Promise<('done' | 'halt' | 'pending')[]> {
    const outcomes: ('done' | 'halt' | 'pending')[] = records.map(() => 'pending');
    const lanes = new Map<string, number[]>();
    records.forEach((record, index) => {
      const key = String(record.dynamodb?.Keys?.pk?.S ?? index);
      lanes.set(key, [...(lanes.get(key) ?? []), index]);
    });
    const queue = [...lanes.values()];
    const worker = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const index of lane) {
          outcomes[index] = await this.deliver(records[index]).catch((error) => this.quarantine(records[index], error));
          if (outcomes[index] === 'halt') break;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LANES, queue.length) }, worker));
    return outcomes;
  }

  /** @returns `halt` when a target failed after `stop()`: the record must be read again next start. */
  private async deliver(record: _Record): Promise<'done' | 'halt'> {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return 'done';
    const detail = busDetailOf(unmarshallImage(record.dynamodb.NewImage));
    if (!detail) return 'done';
    const event = toBusEvent(detail, this.options.now());
    const rules = (this.options.rules ?? EVENT_RULES).filter((rule) => matches(rule, detail));
    const outcomes = await Promise.allSettled(rules.map((rule) => this.target(rule, event)));
    const failed = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ rule: rules[i], error: outcome.reason as unknown }] : []));
    if (failed.length && this.stopping) {
      console.error(`event pump: ${detail.type} ${detail.id} not delivered while stopping; it is delivered again on the next start`);
      return 'halt';
    }
    for (const { rule, error } of failed) this.retryLater(rule, event as BusEvent, error);
    if (isTicketEvent(event.detail)) for (const observer of this.observers) observer(event as BusEvent);
    return 'done';
  }

  /** Failed deliveries whose next try is due: one try each per round. */
  private async retryDue(): Promise<number> {
    let tried = 0;
    for (const pending of this.options.retries.due()) {
      if (!this.running) break;
      const rule = (this.options.rules ?? EVENT_RULES).find((r) => r.name === pending.rule);
      if (!rule) continue;
      tried++;
      try {
        await this.target(rule, pending.event);
        this.options.retries.succeeded(rule.name, pending.event);
      } catch (error) {
        this.retryLater(rule, pending.event, error);
      }
    }
    return tried;
  }

  private retryLater(rule: EventRuleSpec, event: BusEvent, error: unknown) {
    const verdict = this.options.retries.failed(rule.name, event, error);
    const what = `rule ${rule.name}: ${event['detail-type']} ${event.detail.id} failed: ${(error as Error)?.message ?? error}`;
    console.error(verdict === 'retry' ? `${what}; retrying with backoff` : `${what}; gave up, see ${DEAD_LETTER_EVENTS_FILE}`);
  }

  /**
   * Delivers an event to its rules' targets again (the same envelope), as an at-least-once bus may.
   * @returns the messages it put on queue targets' queues (their consumers take them later).
   */
  async redeliver(event: BusEvent): Promise<{ queue: string; id: string }[]> {
    const rules = (this.options.rules ?? EVENT_RULES).filter((rule) => matches(rule, event.detail));
    const sent = await Promise.all(rules.map((rule) => this.target(rule, event)));
    return sent.filter((message): message is { queue: string; id: string } => Boolean(message));
  }

  /** A record the pump cannot read must not stall the stream: set it aside, say so, go on. */
  private quarantine(record: _Record, error: unknown): 'done' {
    console.error(`event pump: record ${record.dynamodb?.SequenceNumber} set aside:`, (error as Error).message);
    const line = JSON.stringify({ record, error: String(error), failedAt: this.options.now().toISOString() });
    const id = `record-${createHash('sha256').update(line).digest('hex').slice(0, 16)}`;
    appendFileSync(path.join(this.options.dataDir, DEAD_LETTER_EVENTS_FILE), `${JSON.stringify({ id, record, error: String(error) })}\n`);
    return 'done';
  }

  /** @returns the message sent, for a queue target. */
  private async target(rule: EventRuleSpec, event: BusEvent<BusDetail>): Promise<{ queue: string; id: string } | undefined> {
    if (rule.target.kind === 'queue') {
      // As the rule's input path does in AWS: a job's consumer reads the job's data.
      const body = rule.target.body === 'job-data' ? (event.detail as JobEvent).data : event;
      const id = await this.options.queues.enqueue(rule.target.queue, JSON.stringify(body));
      return id ? { queue: rule.target.queue, id } : undefined;
    }
    const entry = rule.target.entry;
    await invoke(() => loadHandler<(e: BusEvent, c: Context) => Promise<unknown>>(this.options.rootDir, entry), event as BusEvent, lambdaContext(`helpdesk-${rule.name}`, rule.target.timeoutSeconds ?? 30, rule.target.memoryMb), `rule:${rule.name}`);
  }
}

export function matches(rule: EventRuleSpec, event: BusDetail): boolean {
  return ruleMatches(rule, event.type) && detailMatches(rule.detail, event);
}

/** The envelope EventBridge wraps around the Pipe's output. */
export function toBusEvent(detail: BusDetail, now: Date): BusEvent<BusDetail> {
  return {
    version: '0', id: randomUUID(), 'detail-type': detail.type, source: EVENT_SOURCE, account: '000000000000',
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), region: 'local', resources: [], detail,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
