/** Defensive readers for JSON of unknown shape: never throw, return undefined for the wrong type. */
export type Json = Record<string, unknown>;

export const obj = (value: unknown): Json | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
export const num = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/**
 * Meta's timestamps: epoch seconds or milliseconds, as numbers or digit strings, or ISO text
 * (`2021-09-08T06:34:04+0000`, which Date.parse reads only with a colon in the offset).
 */
export function metaTime(value: unknown): Date | undefined {
  const n = num(value);
  if (n !== undefined) {
    if (n <= 0) return undefined;
    const date = new Date(n < 1e11 ? n * 1000 : n);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  if (typeof value !== 'string') return undefined;
  const iso = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * Whether parsed JSON nests deeper than `limit` objects and arrays, found without recursion (the
 * point is to refuse, before any recursive reader such as JSON.stringify overflows the stack on
 * it, a body no sender of ours would build: Meta's nest about ten levels).
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (!current || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** The fields of `value` a parser does not know (newer than its code), or undefined when there are none. */
export function unknownFields(value: Json, known: ReadonlySet<string>): Json | undefined {
  const extra = Object.fromEntries(Object.entries(value).filter(([key]) => !known.has(key)));
  return Object.keys(extra).length ? extra : undefined;
}

/** A short JSON excerpt for records: enough to see what it was, bounded in size. */
export function excerpt(value: unknown, max = 4000): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
