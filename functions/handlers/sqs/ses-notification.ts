/** The SES notification inside an SQS record body (SNS envelope, raw delivery off) or bare. */
export function sesNotificationOf(body: string): unknown {
  const parsed = JSON.parse(body) as { Type?: string; Message?: string };
  return parsed.Type === 'Notification' && typeof parsed.Message === 'string' ? JSON.parse(parsed.Message) : parsed;
}
