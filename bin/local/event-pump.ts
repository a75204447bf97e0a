import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalQueues } from './adapters/local-queues';
import { eventFromActivity, isActivityImage } from '../../functions/domain/events/event-from-activity';
import { unmarshallImage } from '../../functions/handlers/events/unmarshall-image';
import { EVENT_RULES, type EventRuleSpec } from '../../functions/manifest/event-rules';
import { type BusEvent, EVENT_SOURCE, type TicketEvent } from '../../schemas/events';
import { readJson, writeJson } from './adapters/local-state';
import { loadHandler } from './handler-loader';
import { lambdaContext } from './lambda-context';

export interface EventPumpOptions {
  rootDir: string;
  dataDir: string;
  tableName: string;
  dynamo: DynamoDBClient;
  endpoint: string;
  queues: LocalQueues;
  now: () => Date;
  rules?: readonly EventRuleSpec[];
}

const ATTEMPTS = 3;

/**
 * Plays Pipe + EventBridge locally: reads DynamoDB Local's own stream, keeps activity inserts
 * (the Pipe's filter), turns them into bus events and delivers each to the targets of every
 * matching rule of the shared manifest. Progress is checkpointed, so a restart neither loses
 * nor replays events. Observers (tests, the dev tools) see every delivered event.
 */
export class EventPump {
  private readonly streams: DynamoDBStreamsClient;
  private readonly checkpointFile: string;
  private checkpoint: Record<string, string>;
  private iterators = new Map<string, string | undefined>();
  private running = false;
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

  async stop(): Promise<void> {
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
        const delivered = await this.pollShards();
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
      for (const record of Records) {
        await this.deliver(record).catch((error) => this.quarantine(record, error));
        this.checkpoint[shardId] = record.dynamodb!.SequenceNumber!;
        delivered++;
      }
      if (Records.length) writeJson(this.checkpointFile, this.checkpoint);
    }
    return delivered;
  }

  private async deliver(record: _Record) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return;
    const image = unmarshallImage(record.dynamodb.NewImage);
    if (!isActivityImage(image)) return;
    const detail = eventFromActivity(image);
    if (!detail) return;
    const event = toBusEvent(detail, this.options.now());
    await Promise.all((this.options.rules ?? EVENT_RULES).filter((rule) => matches(rule, detail)).map((rule) => this.target(rule, event)));
    for (const observer of this.observers) observer(event);
  }

  /** Delivers an event to its rules' targets again (the same envelope), as an at-least-once bus may. */
  async redeliver(event: BusEvent): Promise<void> {
    const rules = (this.options.rules ?? EVENT_RULES).filter((rule) => matches(rule, event.detail));
    await Promise.all(rules.map((rule) => this.target(rule, event)));
  }

  /** A record the pump cannot read must not stall the stream: set it aside, say so, go on. */
  private quarantine(record: _Record, error: unknown) {
    console.error(`event pump: record ${record.dynamodb?.SequenceNumber} set aside:`, (error as Error).message);
    appendFileSync(path.join(this.options.dataDir, 'dead-letter-events.jsonl'), `${JSON.stringify({ record, error: String(error) })}\n`);
  }

  private async target(rule: EventRuleSpec, event: BusEvent) {
    if (rule.target.kind === 'queue') {
      await this.options.queues.send(rule.target.queue, JSON.stringify(event));
      return;
    }
    const handler = await loadHandler(this.options.rootDir, rule.target.entry);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await handler(event, lambdaContext(`helpdesk-${rule.name}`, rule.target.timeoutSeconds ?? 30));
        return;
      } catch (error) {
        if (attempt === ATTEMPTS) {
          console.error(`rule ${rule.name}: event ${event.id} failed ${ATTEMPTS} times:`, (error as Error).message);
          appendFileSync(path.join(this.options.dataDir, 'dead-letter-events.jsonl'), `${JSON.stringify({ rule: rule.name, event, error: String(error) })}\n`);
        } else {
          await sleep(100 * 2 ** attempt);
        }
      }
    }
  }
}

export function matches(rule: EventRuleSpec, event: TicketEvent): boolean {
  return rule.detailTypes === '*' || rule.detailTypes.includes(event.type);
}

/** The envelope EventBridge wraps around the Pipe's output. */
export function toBusEvent(detail: TicketEvent, now: Date): BusEvent {
  return {
    version: '0', id: randomUUID(), 'detail-type': detail.type, source: EVENT_SOURCE, account: '000000000000',
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), region: 'local', resources: [], detail,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
