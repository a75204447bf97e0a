import { Duration } from 'aws-cdk-lib';
import { type IEventBus, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_RULES, detailPatternProblems } from '../../functions/manifest/event-rules';
import type { EventRuleSpec } from '../../functions/manifest/spec';
import { EVENT_SOURCE, TICKET_EVENT_PREFIX } from '../../schemas/events';
import { deadLetterQueue } from './dead-letter-queue';
import type { HandlerFunction } from './handler-function';
import { type ManifestFunctionDefaults, manifestFunction, pascal } from './manifest-function';
import type { ManifestQueues } from './queues';

export interface EventRulesProps extends ManifestFunctionDefaults {
  readonly bus: IEventBus;
  /** The queues that `kind: 'queue'` targets name. */
  readonly queues: ManifestQueues;
  /**
   * The rules to make.
   * @default EVENT_RULES, the shared manifest
   */
  readonly rules?: readonly EventRuleSpec[];
}

/**
 * The event pattern of a rule: our source, its detail-types (`*`: every ticket event, never a job)
 * and its content filter, which is EventBridge's own syntax (`$or`, `exists`) and goes in as it
 * is. A filter EventBridge would read otherwise, or CloudFormation refuse (a `null`), fails synth.
 */
export function eventPatternOf(rule: EventRuleSpec) {
  const problems = rule.detail ? detailPatternProblems(rule.detail) : [];
  if (problems.length > 0) throw new Error(`EventRules: rule ${rule.name}'s content filter: ${problems.join('; ')}`);
  const base = rule.detailTypes === '*'
    ? { source: [EVENT_SOURCE], detailType: [{ prefix: TICKET_EVENT_PREFIX }] as unknown as string[] }
    : { source: [EVENT_SOURCE], detailType: [...rule.detailTypes] };
  return rule.detail ? { ...base, detail: rule.detail as Record<string, unknown> } : base;
}

/**
 * One EventBridge rule per manifest entry on the ticket bus. A function target gets its own
 * HandlerFunction and retries for a day; a queue target delivers to the named manifest queue
 * (whose consumer retries and dead-letters on its own). Deliveries that exhaust their retries
 * land in the stack's dead-letter queue for service deliveries, shared by every rule, the Pipe and
 * the timers (each message names its rule and target in its attributes), under the one
 * dead-letter alarm: no alarm metric per rule.
 */
export class EventRules extends Construct {
  readonly rules: Record<string, Rule> = {};
  /** The functions of `kind: 'function'` targets, by rule name. */
  readonly targets: Record<string, HandlerFunction> = {};
  /** Where every rule's undeliverable events go. */
  readonly deadLetterQueue: IQueue;

  constructor(scope: Construct, id: string, props: EventRulesProps) {
    super(scope, id);
    const specs = props.rules ?? EVENT_RULES;
    const names = specs.map((rule) => rule.name);
    const twice = names.filter((name, i) => names.indexOf(name) !== i);
    if (twice.length > 0) throw new Error(`EventRules: rule names must be unique: ${twice.join(', ')}`);
    this.deadLetterQueue = deadLetterQueue(props.alarms, 'events', 'bus rules');

    for (const spec of specs) {
      const ruleScope = new Construct(this, pascal(spec.name));
      const rule = new Rule(ruleScope, 'Rule', {
        eventBus: props.bus,
        description: spec.description,
        eventPattern: eventPatternOf(spec),
      });
      const { target } = spec;
      if (target.kind === 'function') {
        const handler = manifestFunction(ruleScope, 'Target', target, `Helpdesk bus rule ${spec.name}`, props);
        rule.addTarget(new LambdaFunction(handler.function, {
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: this.deadLetterQueue,
        }));
        this.targets[spec.name] = handler;
      } else {
        const queue = props.queues.queues[target.queue];
        if (!queue) throw new Error(`EventRules: rule ${spec.name} targets queue '${target.queue}', which is not in the queue manifest`);
        rule.addTarget(new SqsQueue(queue.queue, {
          // A job's consumer reads the job's data, as if it had been sent to the queue directly.
          ...(target.body === 'job-data' ? { message: RuleTargetInput.fromEventPath('$.detail.data') } : {}),
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: this.deadLetterQueue,
        }));
      }
      this.rules[spec.name] = rule;
    }
  }
}
