import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /**
   * An address subscribed to the alarm topic (AWS mails a confirmation link first).
   * @default - no subscription; subscribe to `topic` yourself
   */
  readonly email?: string;
  /**
   * Kept for compatibility: the topic has no key of its own any more.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

export interface AlarmOptions {
  readonly metric: IMetric;
  readonly description: string;
  /** @default 1 */
  readonly threshold?: number;
}

/**
 * The alarm topic, the account-level Lambda alarms, and a helper that wires an alarm to the topic.
 *
 * Idle cost is zero by design: CloudWatch gives ten alarm metrics a month free and bills each
 * one beyond, so functions are watched by two account-level alarms (`AWS/Lambda` Errors and
 * Throttles, every function of the account and region: deploy the stack into its own account)
 * rather than two alarms per function (44 alarm metrics); the log stream of the failing function
 * names it (log groups are shared per permission set, and Lambda names the function in each
 * stream). The topic carries alarm state changes only (alarm names and metric values, no
 * customer data), so it is not encrypted with a customer managed key ($1 a month): CloudWatch
 * cannot publish to a topic under the AWS managed `aws/sns` key.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const cloudwatch = new ServicePrincipal('cloudwatch.amazonaws.com');

    this.topic = new Topic(this, 'Topic', { enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm state changes only (alarm names, metric values), no customer data; CloudWatch cannot publish to an aws/sns-encrypted '
        + 'topic, and a customer managed key would cost $1 a month at idle.',
    });
    this.topic.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowCloudWatchAlarmsOfThisAccount',
      principals: [cloudwatch],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
      },
    }));
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);

    for (const [metricName, what] of [['Errors', 'invocations failed (an unhandled error, a timeout or a crash at cold start)'],
      ['Throttles', 'invocations were throttled (account concurrency exhausted)']] as const) {
      this.add(this, `Lambda${metricName}Alarm`, {
        metric: new Metric({ namespace: 'AWS/Lambda', metricName, period: ALARM_PERIOD, statistic: 'Sum' }),
        description: `Helpdesk functions (every Lambda function of this account and region): ${what}; the function's log stream says which`,
      });
    }
  }

  /**
   * An alarm on `metric` (as it is: statistic and period come from the metric) that
   * notifies the topic when it reaches the threshold in one period, and again when it clears.
   * No data is not a breach: an idle API has no errors.
   */
  add(scope: Construct, id: string, options: AlarmOptions): Alarm {
    const alarm = new Alarm(scope, id, {
      metric: options.metric,
      alarmDescription: options.description,
      threshold: options.threshold ?? 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }
}

/** Five minutes: short enough to page during an incident, long enough to ignore a blip. */
export const ALARM_PERIOD = Duration.minutes(5);
