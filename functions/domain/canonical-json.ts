/**
 * JSON with every object's keys sorted (by code unit, whatever the locale), so equal values
 * give equal text: a map read back from DynamoDB, or a body sent with its keys in another
 * order. Undefined object members are left out, as JSON.stringify does; undefined alone is `null`.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v) ?? 'null';
}
