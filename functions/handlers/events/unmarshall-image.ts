import { unmarshall } from '@aws-sdk/util-dynamodb';

type Attribute = Record<string, unknown>;

/**
 * A stream image as plain values. DynamoDB Local's stream (through the SDK's deserializer)
 * hands an empty map as `{}` rather than `{ M: {} }`, which `unmarshall` rejects: mend that first.
 */
export function unmarshallImage(image: Record<string, unknown>): Record<string, unknown> {
  return unmarshall(Object.fromEntries(Object.entries(image).map(([k, v]) => [k, mend(v as Attribute)])) as never);
}

function mend(value: Attribute): Attribute {
  if (value && typeof value === 'object' && Object.keys(value).length === 0) return { M: {} };
  if (value?.M) return { M: Object.fromEntries(Object.entries(value.M as Record<string, Attribute>).map(([k, v]) => [k, mend(v)])) };
  if (value?.L) return { L: (value.L as Attribute[]).map(mend) };
  return value;
}
