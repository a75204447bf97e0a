import { deflated, inflated } from './deflated';

/**
 * Long free text (a ticket's description, a message's body and HTML) stored deflated. DynamoDB
 * bills writes per started kilobyte, twice in a transaction, and a ticket is rewritten whole on
 * every change: a 3 KB mail body on the ticket costs 6 WCU on each reply, assignment and close.
 * Prose deflates to under half, HTML further. Short text, and text that does not shrink, stays a
 * string; a stored string (anything written before) reads as it is.
 */
const FORMAT = 2;
/** Below this many bytes a string cannot save a write unit worth the decoding. */
const MIN_BYTES = 256;

export function encodeText(text: unknown): unknown {
  if (typeof text !== 'string' || Buffer.byteLength(text) < MIN_BYTES) return text;
  const packed = deflated(FORMAT, text);
  return packed.length > Buffer.byteLength(text) * 0.9 ? text : packed;
}

export function decodeText(stored: unknown): unknown {
  return stored instanceof Uint8Array ? inflated(FORMAT, stored, 'stored text') : stored;
}

/**
 * An ElectroDB string attribute stored as `encodeText` says. ElectroDB checks the type of what the
 * code gives (a string) before the setter runs, and hands the getter what DynamoDB returned.
 */
export const compressedText = () => ({
  type: 'string' as const,
  get: (stored: string) => decodeText(stored) as string,
  set: (text?: string) => encodeText(text) as string | undefined,
});
