/**
 * AWS list prices used by the bench's cost model: us-east-1, on-demand, public price pages as
 * read on 2026-11-29 (free tiers ignored except where the model says). One place, so a price
 * change is one edit.
 */
export const PRICES = {
  asOf: '2026-11-29',
  region: 'us-east-1',
  lambdaRequest: 0.20 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  httpApiRequest: 1.0 / 1e6,
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  dynamoStreamReadRequest: 0.02 / 1e5,
  pipesRequest: 0.40 / 1e6,
  eventBridgeCustomEvent: 1.0 / 1e6,
  sqsRequest: 0.40 / 1e6,
  /** Per schedule that fires (the first 14 million a month are free; ignored here). */
  schedulerInvocation: 1.0 / 1e6,
  sesMessage: 0.10 / 1000,
  kmsKeyMonth: 1.0,
  alarmMetricMonth: 0.10,
  freeAlarmMetrics: 10,
} as const;
