import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EVENT_RULES, type ManifestRuleSpec, detailMatches, ruleMatches } from '../functions/manifest/event-rules';
import { HelpdeskStack } from '../lib/helpdesk-stack';
import type { BusEvent } from '../schemas/events';
import { PRICES } from './prices';

/** What one ticket lifecycle did, measured by the bench. */
export interface LifecycleUsage {
  httpRequests: number;
  /** Mean handler time of the HTTP requests, ms (measured over real HTTP, locally). */
  httpMs: number;
  /** Read units of the whole lifecycle: its requests and every consumer, timer and queue worker they woke (measured). */
  rcuAll: number;
  /** Write units as AWS bills them, of the whole lifecycle likewise (measured). */
  wcuAll: number;
  events: BusEvent[];
  /**
   * The lifecycle's one-time schedules that fire: its ticket's timers still pending once its
   * consumers are done (each fires once, then deletes itself) and any that fired meanwhile.
   */
  schedulesFired: number;
  mailsSent: number;
  /**
   * Invocations of the consumers of the queues that rules target (measured by the runtime's meter,
   * `queue:<name>`): a batching queue takes several messages an invocation. Unset: one a message.
   */
  queueInvocations?: number;
}

/** Assumptions where nothing here can measure AWS: stated, so the figure can be checked. */
export const ASSUMPTIONS = {
  consumerMs: 60,
  consumerGb: 0.5,
  httpGb: 0.5,
  /** SQS without batching: send + receive + delete per queued message. */
  sqsRequestsPerMessage: 3,
  /**
   * SQS with batching: a send per message, and per consumer invocation a receive and a delete
   * batch for each 10 messages (SQS's most per ReceiveMessage and DeleteMessageBatch) — counted
   * here as 2 requests an invocation, and never fewer than 2 per 10 messages.
   */
  sqsRequestsPerBatch: 2,
};

/** The queues that rules send events to: their consumers' invocations are what `queueInvocations` counts. */
export const RULE_QUEUES: readonly string[] = [...new Set(EVENT_RULES.flatMap((r) => (r.target.kind === 'queue' ? [r.target.queue] : [])))];

/**
 * USD per 1,000 lifecycles from the measured usage: API requests, Lambda requests and GB-s,
 * DynamoDB units (measured, the consumers' own writes included), the stream read by the Pipe, Pipe
 * requests, EventBridge events, SQS requests and Scheduler invocations. SES is reported apart:
 * it is the price of the mails a team chose to send, not of the system.
 */
export function costPer1000(usage: LifecycleUsage) {
  // The rules each event wakes, content filters included, as EventBridge matches them.
  const woken = (event: BusEvent) => EVENT_RULES.filter((r) => ruleMatches(r, event['detail-type']) && detailMatches(r.detail, event.detail));
  const count = (test: (rule: ManifestRuleSpec) => boolean) => usage.events.reduce((sum, e) => sum + woken(e).filter(test).length, 0);
  const consumers = count((r) => r.target.kind === 'function');
  const queued = count((r) => r.target.kind === 'queue');
  // The invocations whose rule keeps Powertools records (`dedupe: 'record'`), for the report only:
  // their records' units are in the measured `wcuAll` with every other consumer write.
  const recording = count((r) => r.target.kind === 'function' && r.target.dedupe === 'record');
  // Scheduler bills a schedule when it fires, not when it is made or deleted (its API calls are
  // free): a deadline timer cancelled because the ticket moved on costs nothing.
  const { schedulesFired } = usage;
  // Measured, a batching queue's consumer runs once for several messages; unmeasured, once a message.
  const queueRuns = usage.queueInvocations ?? queued;
  const sqsRequests = usage.queueInvocations === undefined
    ? queued * ASSUMPTIONS.sqsRequestsPerMessage
    : queued + Math.max(queueRuns, Math.ceil(queued / 10)) * ASSUMPTIONS.sqsRequestsPerBatch;
  const invocations = usage.httpRequests + consumers + queueRuns + schedulesFired;
  const gbSeconds = usage.httpRequests * (usage.httpMs / 1000) * ASSUMPTIONS.httpGb
    + (consumers + queueRuns + schedulesFired) * (ASSUMPTIONS.consumerMs / 1000) * ASSUMPTIONS.consumerGb;
  const parts = {
    api: usage.httpRequests * PRICES.httpApiRequest,
    lambda: invocations * PRICES.lambdaRequest + gbSeconds * PRICES.lambdaGbSecondArm,
    dynamodb: usage.wcuAll * PRICES.dynamoWriteRequestUnit + usage.rcuAll * PRICES.dynamoReadRequestUnit,
    stream: usage.events.length * PRICES.dynamoStreamReadRequest,
    pipe: usage.events.length * PRICES.pipesRequest,
    eventbridge: usage.events.length * PRICES.eventBridgeCustomEvent,
    sqs: sqsRequests * PRICES.sqsRequest,
    scheduler: schedulesFired * PRICES.schedulerInvocation,
  };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const scale = (v: number) => v * 1000;
  return {
    usdPer1000: scale(total),
    parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, scale(v)])) as Record<keyof typeof parts, number>,
    sesUsdPer1000: scale(usage.mailsSent * PRICES.sesMessage),
    consumers, recording, queued, queueRuns, sqsRequests, invocations, gbSeconds, schedulesFired,
  };
}

/**
 * USD a month with no traffic: customer-managed KMS keys and alarm metrics beyond the free ten, from
 * the synthesised stack. CloudWatch bills a metric-math alarm per metric in its expression (and
 * counts them so against the free ten), so an alarm with `Metrics` counts each metric it reads.
 * Also the stack's CloudFormation resources (deployable up to 500 a stack; the target is ≤ 450).
 */
export function idleCostPerMonth() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new HelpdeskStack(app, 'CostModel', { env: { account: '123456789012', region: 'us-east-1' } });
  const template = Template.fromStack(stack);
  const keys = Object.keys(template.findResources('AWS::KMS::Key')).length;
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
  const alarmMetrics = alarms.reduce((sum, a) => sum + (a.Properties.Metrics ? a.Properties.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).length : 1), 0);
  const usd = keys * PRICES.kmsKeyMonth + Math.max(0, alarmMetrics - PRICES.freeAlarmMetrics) * PRICES.alarmMetricMonth;
  const resources = Object.keys(template.toJSON().Resources ?? {}).length;
  return { usd, keys, alarms: alarms.length, alarmMetrics, resources };
}
