import type { Template } from 'aws-cdk-lib/assertions';

type MetricStat = { Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[] } };

/**
 * The logical ids of the queues whose depth (ApproximateNumberOfMessagesVisible) an alarm of the
 * template watches, whether as the alarm's own metric or as a metric of a metric-math alarm
 * (the shared dead-letter alarm, lib/constructs/dead-letter-queue.ts).
 */
export function alarmedQueues(template: Template): string[] {
  const ids: string[] = [];
  const add = (namespace: string, metricName: string, dimensions: { Name: string; Value: unknown }[] = []) => {
    if (namespace !== 'AWS/SQS' || metricName !== 'ApproximateNumberOfMessagesVisible') return;
    for (const { Name, Value } of dimensions) {
      const getAtt = (Value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (Name === 'QueueName' && getAtt) ids.push(getAtt[0]);
    }
  };
  for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
    const p = alarm.Properties;
    if (p.MetricName) add(p.Namespace, p.MetricName, p.Dimensions);
    for (const m of (p.Metrics ?? []) as { MetricStat?: MetricStat }[]) {
      if (m.MetricStat) add(m.MetricStat.Metric.Namespace, m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions);
    }
  }
  return ids;
}

/** Alarm metrics as CloudWatch bills them: one per plain alarm, one per metric of a metric-math alarm. */
export function billedAlarmMetrics(template: Template): number {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .reduce((sum, alarm) => sum + (alarm.Properties.Metrics
      ? alarm.Properties.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).length
      : 1), 0);
}
