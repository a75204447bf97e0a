import { describe, expect, it } from 'vitest';
import { matches } from '../../../bin/local/event-pump';
import { EVENT_RULES, detailMatches, detailPatternProblems } from '../../../functions/manifest/event-rules';
import type { DetailPattern } from '../../../functions/manifest/spec';
import type { BusDetail } from '../../../schemas/events';

describe('content filters on bus rules, matched as EventBridge does', () => {
  const pattern = { internal: [false], ticket: { channel: ['whatsapp', 'instagram'] }, data: { authorRole: ['agent', 'admin'] } };

  it('needs every named field present with one of the listed values, nested objects field by field', () => {
    const detail = { internal: false, ticket: { channel: 'whatsapp', subject: 'x' }, data: { authorRole: 'agent' }, extra: 1 };
    expect(detailMatches(pattern, detail)).toBe(true);
    expect(detailMatches(pattern, { ...detail, internal: true })).toBe(false);
    expect(detailMatches(pattern, { ...detail, ticket: { channel: 'email' } })).toBe(false);
    expect(detailMatches(pattern, { ...detail, data: { authorRole: 'customer' } })).toBe(false);
    expect(detailMatches(pattern, { internal: false, ticket: { channel: 'whatsapp' } })).toBe(false); // data missing
    expect(detailMatches(pattern, { ...detail, ticket: 'whatsapp' })).toBe(false); // not an object
  });

  it('matches an array field when any element is listed, and everything without a filter', () => {
    expect(detailMatches({ tags: ['vip'] }, { tags: ['new', 'vip'] })).toBe(true);
    expect(detailMatches({ tags: ['vip'] }, { tags: ['new'] })).toBe(false);
    expect(detailMatches(undefined, { anything: true })).toBe(true);
  });

  it('keeps the WhatsApp/Instagram sender asleep for email tickets, customers\' messages and notes', () => {
    const sender = EVENT_RULES.find((rule) => rule.name === 'meta-sender')!;
    const reply = (channel: string, authorRole: string, internal = false) =>
      ({ type: 'ticket.message.added', internal, ticket: { channel }, data: { authorRole } }) as unknown as BusDetail;
    expect(matches(sender, reply('whatsapp', 'agent'))).toBe(true);
    expect(matches(sender, reply('instagram', 'supervisor'))).toBe(true);
    expect(matches(sender, reply('email', 'agent'))).toBe(false);
    expect(matches(sender, reply('whatsapp', 'customer'))).toBe(false);
    expect(matches(sender, reply('whatsapp', 'agent', true))).toBe(false);
  });
});

// The examples of EventBridge's documentation and of event-ruler (its matcher, github.com/aws/event-ruler), on their sample event.
describe('exists and $or, on EventBridge\'s documented examples', () => {
  const sample = {
    'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running',
  };

  it('exists: true needs the field present; false needs it absent', () => {
    expect(detailMatches({ 'c-count': [{ exists: true }] }, sample)).toBe(true);
    expect(detailMatches({ 'c-count': [{ exists: false }] }, sample)).toBe(false);
    const { 'c-count': _gone, ...without } = sample;
    expect(detailMatches({ 'c-count': [{ exists: true }] }, without)).toBe(false);
    expect(detailMatches({ 'c-count': [{ exists: false }] }, without)).toBe(true);
  });

  it('exists works on leaves only: an object is not a leaf, so `exists: false` matches it', () => {
    const nested = { state: 'running', 'c-count': { c1: 100 } };
    expect(detailMatches({ 'c-count': [{ exists: false }] }, nested)).toBe(true);
    expect(detailMatches({ 'c-count': [{ exists: true }] }, nested)).toBe(false);
    // A missing parent object: every field under it is absent.
    expect(detailMatches({ changes: { category: { to: [{ exists: false }] } } }, { state: 'running' })).toBe(true);
    expect(detailMatches({ changes: { category: { to: [{ exists: true }] } } }, { state: 'running' })).toBe(false);
    // An array has its elements as leaves: empty, it has none.
    expect(detailMatches({ tags: [{ exists: true }] }, { tags: ['a'] })).toBe(true);
    expect(detailMatches({ tags: [{ exists: true }] }, { tags: [] })).toBe(false);
  });

  it('$or: one of the alternatives at that level, beside the fields that must all match', () => {
    // "source" && ("metricName" || "namespace")
    const normal: DetailPattern = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] };
    expect(detailMatches(normal, { source: 'aws.cloudwatch', metricName: 'ReadLatency' })).toBe(true);
    expect(detailMatches(normal, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
    expect(detailMatches(normal, { source: 'aws.cloudwatch', namespace: 'AWS/S3' })).toBe(false);
    expect(detailMatches(normal, { source: 'aws.ec2', metricName: 'ReadLatency' })).toBe(false);
    // "source" && ("metricName" || ("metricType" && "namespace") || "scope")
    const withAnd: DetailPattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] }, { scope: ['Service'] }],
    };
    expect(detailMatches(withAnd, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' })).toBe(true);
    expect(detailMatches(withAnd, { source: 'aws.cloudwatch', metricType: 'MetricType' })).toBe(false);
    expect(detailMatches(withAnd, { source: 'aws.cloudwatch', scope: 'Service' })).toBe(true);
    // Nested: ... || ("metricType" && "namespace" && ("metricId" || "spaceId")) || ...
    const nested: DetailPattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      ],
    };
    expect(detailMatches(nested, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 })).toBe(true);
    expect(detailMatches(nested, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1 })).toBe(false);
    // $or inside a nested object applies to that object's fields.
    const parallel: DetailPattern = { detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] } };
    expect(detailMatches(parallel, { detail: { 'detail-type': 'CloudWatch Alarm State Change' } })).toBe(true);
    expect(detailMatches(parallel, { detail: { source: 'aws.ec2' } })).toBe(false);
  });

  it('says what EventBridge or CloudFormation would refuse, and finds nothing to refuse in the manifest', () => {
    expect(detailPatternProblems({ $or: [{ a: ['x'] }] })).toEqual(['detail.$or needs two or more patterns']);
    expect(detailPatternProblems({ a: [] })).toEqual(['detail.a needs a non-empty list']);
    expect(detailPatternProblems({ a: [null] } as unknown as DetailPattern)).toEqual(['detail.a lists null, which a CloudFormation template cannot hold']);
    expect(detailPatternProblems({ a: [{ prefix: 'x' }] } as unknown as DetailPattern)).toHaveLength(1);
    expect(detailPatternProblems({ a: [{ exists: true }], b: { c: ['x', 1, false] }, $or: [{ d: ['y'] }, { e: [{ exists: false }] }] })).toEqual([]);
    for (const rule of EVENT_RULES) if (rule.detail) expect(detailPatternProblems(rule.detail), rule.name).toEqual([]);
  });
});
