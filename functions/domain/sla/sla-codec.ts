import { deflated, inflated } from '../store/deflated';

/**
 * How a ticket's SLA state is stored: a small binary value instead of a DynamoDB map. The state
 * is the largest part of a ticket item (600-870 bytes as a map: long attribute names and ISO
 * times), and a ticket is written on every change, billed per started kilobyte and twice in a
 * transaction; stored this way it takes about 200 bytes and a busy ticket stays under 2 KB.
 * The encoding is lossless for any JSON value: known names and words become short codes,
 * millisecond ISO times become base-36 epoch milliseconds, anything else is kept (escaped where
 * it could be taken for a code), and the JSON is deflated behind a format byte. A stored value
 * that is not binary (a state stored as a map before this codec) is read as it is.
 */

const FORMAT = 1;
/** A string value starting with this is a code: `~t` a time, `~w` a word; `~~` escapes a literal `~`. */
const MARK = '~';
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const NAMES = [
  'policyId', 'priority', 'targets', 'pausedSince', 'timers', 'breached', 'slaVersion', 'manualPause', 'policyReason',
  'targetMinutes', 'startedAt', 'since', 'consumedMs', 'warningAt', 'dueAt', 'warned', 'completedAt',
  'kind', 'at', 'matched', 'byId', 'byName', 'reason',
  'firstResponse', 'nextResponse', 'resolution', 'firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes',
] as const;
const WORDS = [
  'firstResponse', 'nextResponse', 'resolution', 'conditions', 'default', 'critical', 'urgent', 'high', 'medium', 'low',
] as const;

/** Codes are single upper-case letters or digits; a stored name that looks like one is escaped with `_`. */
const CODES = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const nameCode = new Map<string, string>(NAMES.map((name, i) => [name, CODES[i]!]));
const codeName = new Map<string, string>(NAMES.map((name, i) => [CODES[i]!, name]));
const wordCode = new Map<string, string>(WORDS.map((word, i) => [word, i.toString(36)]));
const codeWord = new Map<string, string>(WORDS.map((word, i) => [i.toString(36), word]));

const encodeName = (name: string) => nameCode.get(name) ?? (name.startsWith('_') || codeName.has(name) ? `_${name}` : name);
const decodeName = (name: string) => (name.startsWith('_') ? name.slice(1) : codeName.get(name) ?? name);

function encodeString(value: string): string {
  if (ISO_MS.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms) && ms >= 0 && new Date(ms).toISOString() === value) return `${MARK}t${ms.toString(36)}`;
  }
  const word = wordCode.get(value);
  if (word !== undefined) return `${MARK}w${word}`;
  return value.startsWith(MARK) ? `${MARK}${value}` : value;
}

function decodeString(value: string): string {
  if (!value.startsWith(MARK)) return value;
  const tag = value.charAt(1);
  if (tag === MARK) return value.slice(1);
  if (tag === 't') return new Date(parseInt(value.slice(2), 36)).toISOString();
  if (tag === 'w') {
    const word = codeWord.get(value.slice(2));
    if (word !== undefined) return word;
  }
  throw new Error(`unreadable SLA state code ${JSON.stringify(value)}`);
}

function mapValue(value: unknown, name: (key: string) => string, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => mapValue(item, name, text));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [name(k), mapValue(v, name, text)]));
  }
  return value;
}

/** The stored form of an SLA state (any JSON value); `undefined` and `null` stay as they are. */
export function encodeSlaState(state: unknown): unknown {
  if (state === undefined || state === null || state instanceof Uint8Array) return state;
  return deflated(FORMAT, JSON.stringify(mapValue(state, encodeName, encodeString)));
}

/** The SLA state of a stored value: the binary form, or a map stored before the codec. */
export function decodeSlaState(stored: unknown): unknown {
  if (!(stored instanceof Uint8Array)) return stored;
  return mapValue(JSON.parse(inflated(FORMAT, stored, 'SLA state')), decodeName, decodeString);
}
